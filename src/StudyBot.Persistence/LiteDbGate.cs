using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using LiteDB;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StudyBot.Persistence;

/// <summary>
/// The one Direct <see cref="LiteDatabase"/> of the process and the one way in: LiteDB 5 corrupts its in-memory
/// state under concurrent use (litedb #2817) and binds transactions to threads, so every access runs synchronously
/// under a single lock. A <c>&lt;file&gt;.lock</c> held with <see cref="FileShare.None"/> keeps a second process out,
/// which Direct mode alone does not do on Linux.
/// </summary>
public sealed partial class LiteDbGate : IDisposable
{
    /// <summary>Most items run in one shared transaction: enough to amortise a commit, few enough to keep latency flat.</summary>
    private const int MaxBatch = 64;

    /// <summary>How many batches the lock holder runs for others after its own work is done, so it is not kept forever.</summary>
    private const int MaxExtraBatches = 4;

    /// <summary>
    /// LiteDB's auto-checkpoint threshold in log pages (its default is 1,000). A checkpoint copies the whole log into
    /// the data file and fsyncs, while every caller waits: at 1,000 pages that was a ~5 ms pause every ~100 credits, the
    /// p99 of a credit. Under sustained load this threshold decides; otherwise the idle checkpoint below runs first.
    /// </summary>
    internal const int AutoCheckpointPages = 8_000;

    /// <summary>
    /// The log size (pages) at which the gate checkpoints on its own, between batches (0: never; LiteDB's auto-checkpoint
    /// at <see cref="AutoCheckpointPages"/> and the idle checkpoint do it). Off: measured on the shared 2-core machine
    /// (load 5–11), checkpoints of 500–1,000 pages took 6–13 ms each and their total cost more than LiteDB's large
    /// ones, so paced writers' p99 got worse, not better (issue 11; the checkpoints bench mode sets it for a run).
    /// </summary>
    internal const int DefaultCheckpointPages = 0;

    /// <summary>How long a waiter sleeps before it looks at its item and the lock again, woken or not.</summary>
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>LiteDB 5's page: 8 KiB, starting with its own page number (uint32) and its type (0 empty … 4 data).</summary>
    private const int PageSize = 8192;
    private const int PageTypeOffset = 4;
    private const byte MaxPageType = 4;

    /// <summary>How long the gate must have been unused before the idle checkpoint runs, and how often it looks.</summary>
    private static readonly TimeSpan IdleBeforeCheckpoint = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan IdleCheckInterval = TimeSpan.FromMilliseconds(100);

    // About 10 MB at most: a year of days for 270 members, or a few days for 25,000.
    private const long CachedItems = 100_000;

    private readonly Lock _sync = new();
    private readonly GateCache _cache = new(CachedItems);
    private readonly ConcurrentQueue<QueuedWork> _queued = new();
    private readonly FileStream _lockFile;
    private readonly LiteDatabase _db;
    private readonly ILogger _logger;
    private readonly Timer _idleCheckpoint;
    private bool _disposed;

    /// <summary>When the gate was last used (<see cref="Stopwatch"/> ticks), and whether anything ran since the last checkpoint.</summary>
    private long _lastUsed;
    private bool _sinceCheckpoint;

    /// <summary>The -log file LiteDB appends commits to.</summary>
    private readonly string _logPath;

    /// <summary>Opens (or creates) the data file at <paramref name="path"/>; throws <see cref="StorageUnavailableException"/> if it cannot be used.</summary>
    public LiteDbGate(string path, ILogger<LiteDbGate>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        // Relative to the current directory, and shown absolute, so a log or an error says exactly which file it is.
        DataPath = System.IO.Path.GetFullPath(path);
        LockPath = DataPath + ".lock";
        _logPath = System.IO.Path.ChangeExtension(DataPath, null) + "-log" + System.IO.Path.GetExtension(DataPath);
        _logger = (ILogger?)logger ?? NullLogger.Instance;

        CreateDirectoryFor(DataPath);
        _lockFile = AcquireLock(LockPath);
        try
        {
            _db = Open(DataPath);
        }
        catch
        {
            _lockFile.Dispose();
            throw;
        }

        _idleCheckpoint = new Timer(_ => CheckpointIfIdle(), null, IdleCheckInterval, IdleCheckInterval);
    }

    /// <summary>The data file, as an absolute path.</summary>
    public string DataPath { get; }

    /// <summary>The lock file held for the lifetime of this gate.</summary>
    public string LockPath { get; }

    public void Dispose()
    {
        _idleCheckpoint.Dispose();
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _cache.Clear();
            try
            {
                // Commits are written but only a checkpoint fsyncs (litedb #2818).
                _db.Checkpoint();
            }
            finally
            {
                _db.Dispose();

                // DeleteOnClose unlinks the lock file while it is still held, so it never deletes another process's lock.
                _lockFile.Dispose();
            }
        }

        // Work queued meanwhile fails with ObjectDisposedException on its own thread rather than waiting forever.
        WakeNextWaiter();
        Log.Closed(_logger, DataPath);
    }

    /// <summary>Runs <paramref name="work"/> alone on the database. It must be synchronous and must not let lazy queries escape.</summary>
    /// <summary>The stores' in-memory copies of what they read most (<see cref="GateCache"/>); only inside the gate's work.</summary>
    internal GateCache Cache => _sync.IsHeldByCurrentThread
        ? _cache
        : throw new InvalidOperationException("The gate's cache is used only inside the gate's work.");

    internal T Run<T>(Func<LiteDatabase, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        _sync.Enter();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            MarkUsed();
            return work(_db);
        }
        finally
        {
            _sync.Exit();
            WakeNextWaiter();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> alone on the database inside a transaction that is committed before this returns.
    /// Work that other threads queued meanwhile runs in the same transaction, one item after another, so concurrent
    /// writers share a commit (flat combining) without changing what any of them sees. If an item throws, the batch
    /// is rolled back and every item is run again in a transaction of its own, so only the failing item fails.
    /// </summary>
    internal T RunInTransaction<T>(Func<LiteDatabase, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new QueuedWork<T>(work);
        _queued.Enqueue(item);

        // Wait for the item, not for the lock: a thread queued behind the lock would take it only to find its work
        // done, one at a time, and batches would never form. Whoever holds the lock runs what is queued; the rest
        // sleep on their item until it is done, a holder that left with work still queued wakes the oldest of them to
        // take the lock, or a millisecond has passed.
        while (true)
        {
            item.ResetWake();
            if (item.Done)
            {
                break;
            }

            if (_sync.TryEnter())
            {
                try
                {
                    if (_disposed)
                    {
                        FailQueued(new ObjectDisposedException(GetType().FullName));
                        continue;
                    }

                    MarkUsed();
                    for (var extra = 0; !item.Done || (!_queued.IsEmpty && extra < MaxExtraBatches); extra += item.Done ? 1 : 0)
                    {
                        RunQueuedBatch();
                    }
                }
                finally
                {
                    _sync.Exit();
                    WakeNextWaiter();
                }

                break;
            }

            item.WaitForWake();
        }

        return item.Result();
    }

    /// <summary>Fails every queued item (the gate is closed). Called under the lock.</summary>
    private void FailQueued(Exception error)
    {
        while (_queued.TryDequeue(out var queued))
        {
            queued.Fail(error);
            queued.Complete();
        }
    }

    /// <summary>
    /// Called after leaving the lock: if work is still queued, the oldest waiter is woken to take the lock and run the
    /// queue. Waking every waiter woke 8 threads per hand-over on 2 cores: 8 writers paced at 5,000/s then reached only
    /// 4,524/s (p99 2.2 s) where the 1 ms poll alone kept up (p99 73 ms), measured back to back on the idle machine. A
    /// waiter also looks again every <see cref="RecheckInterval"/>, in case its wake went to a thread not yet scheduled.
    /// </summary>
    private void WakeNextWaiter()
    {
        if (_queued.TryPeek(out var oldest))
        {
            oldest.Wake();
        }
    }

    /// <summary>Work waiting for the lock holder to run it (for tests).</summary>
    internal int QueuedCount => _queued.Count;

    /// <summary>
    /// The gate as a completed task: honours cancellation before starting, reports failures through the task. What
    /// LiteDB throws becomes a <see cref="StorageUnavailableException"/> naming the file, so callers can tell a storage
    /// failure from their own and an operator learns which file to look at.
    /// </summary>
    internal Task<T> RunAsync<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken) =>
        Complete(() => Run(work), cancellationToken);

    internal Task RunAsync(Action<LiteDatabase> work, CancellationToken cancellationToken) =>
        Complete(
            () => Run(db =>
            {
                work(db);
                return true;
            }),
            cancellationToken);

    internal Task<T> RunInTransactionAsync<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken) =>
        Complete(() => RunInTransaction(work), cancellationToken);

    private Task<T> Complete<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(work());
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or StorageUnavailableException)
        {
            // Cancelled, the gate closed because the host is stopping, or already said: nothing new about the file.
            return Task.FromException<T>(ex);
        }
#pragma warning disable CA1031 // Every failure belongs in the returned task, as it would for an async method.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromException<T>(new StorageUnavailableException(
                $"Reading or writing the data file {DataPath} failed ({Describe(ex)}); if it happens again, the file may be damaged: stop StudyBot and restore the file from a backup.",
                ex));
        }
    }

    /// <summary>An exception's message for a one-line report, without the placeholders LiteDB leaves unformatted ("{0}").</summary>
    private static string Describe(Exception error) => UnformattedPlaceholder().Replace(error.Message, "").TrimEnd('.', ' ');

    [GeneratedRegex(@":?\s*\{\d+\}")]
    private static partial Regex UnformattedPlaceholder();

    /// <summary>Called under the lock.</summary>
    private void MarkUsed()
    {
        _sinceCheckpoint = true;
        Volatile.Write(ref _lastUsed, Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// Checkpoints (copies the log into the data file and fsyncs it) once the gate has been quiet for a moment, so the
    /// pause falls where nobody waits for it and recent commits reach the disk soon (a commit alone is not fsynced).
    /// Never waits for the lock: if someone holds it, the gate is not idle.
    /// </summary>
    private void CheckpointIfIdle()
    {
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastUsed)) < IdleBeforeCheckpoint || !_sync.TryEnter())
        {
            return;
        }

        try
        {
            if (!_disposed && _sinceCheckpoint && Stopwatch.GetElapsedTime(_lastUsed) >= IdleBeforeCheckpoint)
            {
                _db.Checkpoint();
                _sinceCheckpoint = false;
            }
        }
#pragma warning disable CA1031 // A timer callback must not throw; the next one, the auto-checkpoint or Dispose tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.IdleCheckpointFailed(_logger, ex, DataPath);
        }
        finally
        {
            _sync.Exit();
            WakeNextWaiter();
        }
    }

    /// <summary>Runs up to <see cref="MaxBatch"/> queued items, oldest first, in one transaction. Called under the lock.</summary>
    private void RunQueuedBatch()
    {
        var batch = new List<QueuedWork>(8);
        while (batch.Count < MaxBatch && _queued.TryDequeue(out var queued))
        {
            batch.Add(queued);
        }

        var started = BatchObserver is null ? 0 : Stopwatch.GetTimestamp();
        try
        {
            if (TryRunInOneTransaction(batch))
            {
                batch.ForEach(w => w.Complete());
            }
            else
            {
                foreach (var w in batch)
                {
                    TryRunInOneTransaction([w]);
                    w.Complete();
                }
            }
        }
        catch (Exception ex)
        {
            // LiteDB refused the transaction itself: every waiter must still hear of it rather than wait forever.
            foreach (var w in batch.Where(w => !w.Done))
            {
                w.Fail(ex);
                w.Complete();
            }

            throw;
        }

        BatchObserver?.Invoke(Stopwatch.GetTimestamp() - started, batch.Count);
        if (CheckpointPages > 0)
        {
            CheckpointIfLogGrew();
        }
    }

    /// <summary>Log pages from which the gate checkpoints between batches (0: only LiteDB's own auto-checkpoint); for tests and diagnostic runs.</summary>
    internal int CheckpointPages { get; set; } = DefaultCheckpointPages;

    /// <summary>For diagnostic runs: each checkpoint of the gate's own, its duration (<see cref="Stopwatch"/> ticks) and the log pages it copied.</summary>
    internal Action<long, long>? CheckpointObserver { get; set; }

    /// <summary>The log's length in pages, as far as LiteDB's writer has got (it writes commits on a thread of its own).</summary>
    private long LogPages()
    {
        try
        {
            return new FileInfo(_logPath).Length / PageSize;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Checkpoints between batches once the log has passed <see cref="CheckpointPages"/>, at a moment when nobody else
    /// waits (or, if that moment never comes, once it has passed four times as many): one short pause for the caller
    /// whose batch it follows, instead of LiteDB's long one inside a commit that every waiting writer sits through.
    /// Commits stay in the -log file until the checkpoint has copied them, as with LiteDB's own checkpoint, so a crash at
    /// any point loses nothing committed. Called under the lock.
    /// </summary>
    private void CheckpointIfLogGrew()
    {
        var pages = LogPages();
        if (pages < CheckpointPages || (!_queued.IsEmpty && pages < 4L * CheckpointPages))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            _db.Checkpoint();
            _sinceCheckpoint = false;
        }
#pragma warning disable CA1031 // The batch has committed; its callers must not fail for this. The next batch, the auto-checkpoint or Dispose tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CheckpointFailed(_logger, ex, DataPath);
        }

        CheckpointObserver?.Invoke(Stopwatch.GetTimestamp() - started, pages);
    }

    /// <summary>For diagnostic runs: each batch's duration (<see cref="Stopwatch"/> ticks) and item count, called under the lock.</summary>
    internal Action<long, int>? BatchObserver { get; set; }

    /// <summary>Runs the items in one transaction; false (rolled back) if one threw, which is then recorded on each item.</summary>
    private bool TryRunInOneTransaction(List<QueuedWork> batch)
    {
        if (!_db.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction was left open on this thread.");
        }

        try
        {
            foreach (var w in batch)
            {
                w.Run(_db);
            }

            _db.Commit();
            return true;
        }
#pragma warning disable CA1031 // The failure is handed to the caller that queued the item, on its own thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _db.Rollback();

            // What the batch wrote through to the cache was rolled back with it.
            _cache.Clear();
            batch.ForEach(w => w.Fail(ex));
            return false;
        }
    }

    private void CreateDirectoryFor(string fullPath)
    {
        var directory = System.IO.Path.GetDirectoryName(fullPath);
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException(
                $"The directory of the data file {DataPath} cannot be created ({ex.Message}); create it, allow StudyBot to write there, or set Storage:Path to another file.",
                ex);
        }
    }

    private FileStream AcquireLock(string fullLockPath)
    {
        try
        {
            return new FileStream(fullLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StorageUnavailableException(
                $"The lock file {LockPath} of the data file {DataPath} cannot be created ({ex.Message}); allow StudyBot to write there or set Storage:Path to another file.",
                ex);
        }
        catch (IOException ex)
        {
            throw new StorageUnavailableException(
                $"The data file {DataPath} is in use by another StudyBot process (lock file {LockPath}); stop it or set Storage:Path to another file.",
                ex);
        }
    }

    private LiteDatabase Open(string fullPath)
    {
        var isNew = !File.Exists(fullPath) || new FileInfo(fullPath).Length == 0;
        var connection = new ConnectionString { Filename = fullPath, Connection = ConnectionType.Direct };
        if (isNew)
        {
            connection.Collation = Schema.NewFileCollation;
        }

        LiteDatabase? db = null;
        try
        {
            db = new LiteDatabase(connection, Schema.CreateMapper());
            var version = db.UserVersion;
            if (version > Schema.Version)
            {
                throw new StorageUnavailableException(
                    $"The data file {DataPath} has schema version {version}, newer than this StudyBot knows ({Schema.Version}); run a newer StudyBot or set Storage:Path to another file.");
            }

            // Before anything is written: commits left in the -log file go into the data file, then the whole file is checked.
            db.Checkpoint();
            CheckForDamage(db, fullPath);

            Schema.EnsureCollections(db);
            if (db.Pragma("CHECKPOINT") != AutoCheckpointPages)
            {
                db.Pragma("CHECKPOINT", AutoCheckpointPages);
            }

            if (version == 0)
            {
                db.UserVersion = Schema.Version;
            }

            if (version == 1)
            {
                Schema.MigrateFrom1(db);
                version = 2;
            }

            if (version == 2)
            {
                Schema.MigrateFrom2(db);
                version = 3;
            }

            if (version == 3)
            {
                Schema.MigrateFrom3(db);
            }

            db.Checkpoint();
            if (isNew)
            {
                Log.Created(_logger, DataPath, Schema.Version);
            }
            else
            {
                Log.Opened(_logger, DataPath, Schema.Version);
            }

            return db;
        }
        catch (StorageUnavailableException)
        {
            db?.Dispose();
            throw;
        }
#pragma warning disable CA1031 // LiteDB reports a foreign or damaged file with many exception types; all mean the same to the operator.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            try
            {
                db?.Dispose();
            }
#pragma warning disable CA1031 // Closing a file that failed to open may fail too; the open failure is what matters.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            throw new StorageUnavailableException(
                $"The data file {DataPath} is not a LiteDB database or is damaged ({Describe(ex)}); restore it from a backup or set Storage:Path to another file.",
                ex);
        }
    }

    /// <summary>
    /// Finds damage at start, where it stops start-up with one line rather than failing the commands that meet it. Every
    /// page is checked for the header LiteDB gives each page (its own number and a known page type): a few milliseconds
    /// even for a large file, and random bytes over a page's start do not pass it. The small collections read at start
    /// (servers, adapter state) are read whole. Damage inside a document elsewhere is found when the document is read:
    /// that command fails with a short reply and the bot keeps serving. Reading every document here would cost seconds
    /// per hundred thousand documents at every start.
    /// </summary>
    private void CheckForDamage(LiteDatabase db, string fullPath)
    {
        using (var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, PageSize * 8, FileOptions.SequentialScan))
        {
            var pages = file.Length / PageSize;
            var page = new byte[PageSize];
            for (uint number = 0; ; number++)
            {
                var read = file.ReadAtLeast(page, PageSize, throwOnEndOfStream: false);
                if (read == 0)
                {
                    break;
                }

                if (read < PageSize || BinaryPrimitives.ReadUInt32LittleEndian(page) != number || page[PageTypeOffset] > MaxPageType)
                {
                    throw new StorageUnavailableException(
                        $"The data file {DataPath} is damaged (page {number} of {pages} is not a LiteDB page); restore it from a backup or set Storage:Path to another file.");
                }
            }
        }

        // Counting what FindAll returns reads and decodes every document (a plain Count() would read only the index).
        foreach (var collection in new[] { Schema.Servers, Schema.AdapterState })
        {
            _ = db.GetCollection(collection).FindAll().Count();
        }
    }

    /// <remarks>
    /// Not disposable: its event never creates a kernel handle (nothing reads its WaitHandle), and a holder may still wake
    /// an item whose caller has returned.
    /// </remarks>
#pragma warning disable CA1001 // See the remarks: disposing would race with a late Wake and free nothing.
    private abstract class QueuedWork
#pragma warning restore CA1001
    {
        /// <summary>Set when the item is done, or when its waiter should try to take the lock.</summary>
        private readonly ManualResetEventSlim _wake = new(false, spinCount: 1);
        private volatile bool _done;

        /// <summary>True once the item's transaction has committed, or it has failed for good.</summary>
        public bool Done => _done;

        public abstract void Run(LiteDatabase db);

        public abstract void Fail(Exception error);

        public void Complete()
        {
            _done = true;
            _wake.Set();
        }

        public void Wake() => _wake.Set();

        public void ResetWake() => _wake.Reset();

        public void WaitForWake() => _wake.Wait(RecheckInterval);
    }

    private sealed class QueuedWork<T>(Func<LiteDatabase, T> work) : QueuedWork
    {
        private T? _result;
        private ExceptionDispatchInfo? _error;

        public override void Run(LiteDatabase db)
        {
            _error = null;
            _result = work(db);
        }

        public override void Fail(Exception error) => _error ??= ExceptionDispatchInfo.Capture(error);

        public T Result()
        {
            _error?.Throw();
            return _result!;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Created the data file {Path} (schema version {Version})")]
        public static partial void Created(ILogger logger, string path, int version);

        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Opened the data file {Path} (schema version {Version})")]
        public static partial void Opened(ILogger logger, string path, int version);

        [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "The idle checkpoint of the data file {Path} failed; it is tried again")]
        public static partial void IdleCheckpointFailed(ILogger logger, Exception error, string path);

        [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "A checkpoint of the data file {Path} between batches failed; it is tried again")]
        public static partial void CheckpointFailed(ILogger logger, Exception error, string path);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Checkpointed and closed the data file {Path}")]
        public static partial void Closed(ILogger logger, string path);
    }
}
