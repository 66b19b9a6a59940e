using LiteDB;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;

namespace StudyBot.Persistence;

// Storage shapes, kept apart from the Core records so that a change to Core never silently changes the file format.

/// <summary>A member of one server with the streak cache; _id "server:member".</summary>
internal sealed class MemberDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public long Server { get; set; }

    public long Member { get; set; }

    public string DisplayName { get; set; } = "";

    public string? TimeZoneId { get; set; }

    public string? LastActiveDate { get; set; }

    public int RunEndingOnLastDate { get; set; }

    public int BestStreak { get; set; }

    public int TotalDays { get; set; }

    [BsonIgnore]
    public StreakSummary Summary
    {
        get => new(LastActiveDate is null ? null : Keys.ParseDate(LastActiveDate), RunEndingOnLastDate, BestStreak, TotalDays);
        set
        {
            LastActiveDate = value.LastActiveDate is { } last ? Keys.Date(last) : null;
            RunEndingOnLastDate = value.RunEndingOnLastDate;
            BestStreak = value.BestStreak;
            TotalDays = value.TotalDays;
        }
    }

    public static MemberDocument New(ulong serverId, ulong memberId, string displayName) => new()
    {
        Id = Keys.Member(serverId, memberId),
        Server = Keys.ToBson(serverId),
        Member = Keys.ToBson(memberId),
        DisplayName = displayName,
    };

    public MemberRecord ToRecord() => new(Keys.FromBson(Server), Keys.FromBson(Member), DisplayName, TimeZoneId, Summary);
}

/// <summary>
/// One active local day of a member; _id "server:member:yyyy-MM-dd". Appended by the first answer of the day and never
/// removed; <see cref="Answers"/> counts that day's answers (credit plus practice) so that counting needs no index on
/// the answers. The count is a cache: every answer keeps its day key, so it can be recomputed from the answers.
/// </summary>
internal sealed class ActiveDayDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public string Date { get; set; } = "";

    public int Answers { get; set; }
}

/// <summary>
/// One answer, append-only, holding only what answering a redelivery (and recounting a day) needs: the member and
/// day documents hold the rest. _id is the interaction id when there is one, so a redelivered interaction is found
/// by id; otherwise an ObjectId.
/// </summary>
internal sealed class AnswerDocument
{
    [BsonId]
    public BsonValue Id { get; set; } = BsonValue.Null;

    /// <summary>"server:member:yyyy-MM-dd", the _id of the answer's active day; not indexed.</summary>
    public string DayKey { get; set; } = "";

    public string TimeZoneId { get; set; } = "";

    public int? QuestionId { get; set; }

    public CreditStatus Status { get; set; }

    /// <summary>The local date, the last part of <see cref="DayKey"/>.</summary>
    [BsonIgnore]
    public DateOnly LocalDate => Keys.ParseDate(DayKey[(DayKey.LastIndexOf(':') + 1)..]);
}

/// <summary>A server's setup; _id is the server id as decimal text.</summary>
internal sealed class ServerDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public string ChannelId { get; set; } = "";

    /// <summary><see cref="TimeOnly.Ticks"/>: exact, and independent of any time format.</summary>
    public long PostTimeTicks { get; set; }

    public string TimeZoneId { get; set; } = "";

    public string? PingRoleId { get; set; }

    public bool Paused { get; set; }

    public string? PausedReason { get; set; }

    public string ConfiguredAt { get; set; } = "";

    public static ServerDocument From(ServerSettings settings) => new()
    {
        Id = Keys.Id(settings.ServerId),
        ChannelId = settings.ChannelId,
        PostTimeTicks = settings.PostTime.Ticks,
        TimeZoneId = settings.TimeZoneId,
        PingRoleId = settings.PingRoleId,
        Paused = settings.Paused,
        PausedReason = settings.PausedReason,
        ConfiguredAt = Keys.Instant(settings.ConfiguredAt),
    };

    public ServerSettings ToRecord() => new(
        Keys.ParseId(Id),
        ChannelId,
        new TimeOnly(PostTimeTicks),
        TimeZoneId,
        PingRoleId,
        Paused,
        PausedReason,
        Keys.ParseInstant(ConfiguredAt));
}

/// <summary>The daily post of a server for a local date; _id "server:yyyy-MM-dd".</summary>
internal sealed class DailySlotDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public long Server { get; set; }

    public string Date { get; set; } = "";

    public DailySlotStatus Status { get; set; }

    public int? QuestionId { get; set; }

    public int Cycle { get; set; }

    public string Nonce { get; set; } = "";

    public string? MessageId { get; set; }

    public string ClaimedAt { get; set; } = "";

    public string? SentAt { get; set; }

    public static DailySlotDocument From(DailySlot slot) => new()
    {
        Id = Keys.Slot(slot.ServerId, slot.LocalDate),
        Server = Keys.ToBson(slot.ServerId),
        Date = Keys.Date(slot.LocalDate),
        Status = slot.Status,
        QuestionId = slot.QuestionId,
        Cycle = slot.Cycle,
        Nonce = slot.Nonce,
        MessageId = slot.MessageId,
        ClaimedAt = Keys.Instant(slot.ClaimedAt),
        SentAt = slot.SentAt is { } sent ? Keys.Instant(sent) : null,
    };

    public DailySlot ToRecord() => new(
        Keys.FromBson(Server),
        Keys.ParseDate(Date),
        Status,
        QuestionId,
        Cycle,
        Nonce,
        MessageId,
        Keys.ParseInstant(ClaimedAt),
        SentAt is null ? null : Keys.ParseInstant(SentAt));
}

/// <summary>A named value an adapter keeps across restarts (Core's IAdapterStateStore).</summary>
internal sealed class AdapterStateDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public string Value { get; set; } = "";
}
