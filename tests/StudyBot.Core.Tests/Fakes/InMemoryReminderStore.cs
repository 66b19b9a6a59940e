using StudyBot.Core.Reminders;

namespace StudyBot.Core.Tests.Fakes;

public sealed class InMemoryReminderStore : IReminderStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string, string), Reminder> reminders = [];

    public Task<Reminder?> GetAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(reminders.GetValueOrDefault((serverId, memberId)));
        }
    }

    public Task SaveAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        lock (gate)
        {
            reminders[(reminder.ServerId, reminder.MemberId)] = reminder;
        }

        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(reminders.Remove((serverId, memberId)));
        }
    }

    public Task<IReadOnlyList<Reminder>> GetDueAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<Reminder>>([.. reminders.Values.Where(r => r.DueAt <= until).OrderBy(r => r.DueAt).Take(limit)]);
        }
    }

    public Task<bool> MoveAsync(Reminder expected, Reminder replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(replacement);
        lock (gate)
        {
            var key = (expected.ServerId, expected.MemberId);
            if (!reminders.TryGetValue(key, out var stored) || stored != expected)
            {
                return Task.FromResult(false);
            }

            reminders[key] = replacement;
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<bool>> MoveManyAsync(IReadOnlyList<ReminderMove> moves, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moves);
        if (moves.Any(m => m.Expected.ServerId != m.Replacement.ServerId || m.Expected.MemberId != m.Replacement.MemberId))
        {
            throw new ArgumentException("A reminder moves within its own member.", nameof(moves));
        }

        lock (gate)
        {
            var moved = new bool[moves.Count];
            for (var i = 0; i < moves.Count; i++)
            {
                var key = (moves[i].Expected.ServerId, moves[i].Expected.MemberId);
                if (reminders.TryGetValue(key, out var stored) && stored == moves[i].Expected)
                {
                    reminders[key] = moves[i].Replacement;
                    moved[i] = true;
                }
            }

            return Task.FromResult<IReadOnlyList<bool>>(moved);
        }
    }
}
