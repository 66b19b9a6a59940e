using LiteDB;
using StudyBot.Core.Content;
using StudyBot.Core.Daily;
using StudyBot.Core.Questions;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;

namespace StudyBot.Persistence;

// Storage shapes, kept apart from the Core records so that a change to Core never silently changes the file format.

/// <summary>
/// A member of one server with the streak cache and their latest answers' interaction ids; _id "m:server:member", in
/// the streaks collection.
/// </summary>
internal sealed class MemberDocument
{
    /// <summary>
    /// How many of a member's latest answers are recognised when Discord delivers their interaction again. Discord
    /// redelivers within minutes (on a resumed session), and a redelivery on the same local day is found on that day
    /// regardless, so this bounds a list that is rewritten with every answer without losing a real case.
    /// </summary>
    public const int RecentAnswersKept = 16;

    /// <summary>A document's weight in the gate's cache, counted like a cached day per recent answer it may hold.</summary>
    public const int CachedWeight = 1 + RecentAnswersKept;

    [BsonId]
    public string Id { get; set; } = "";

    public string Server { get; set; } = "";

    public string Member { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string? TimeZoneId { get; set; }

    /// <summary>The zone the member's platform profile gave at their latest answer (Slack's tz); absent where none is given.</summary>
    public string? ProfileTimeZoneId { get; set; }

    public string? LastActiveDate { get; set; }

    public int RunEndingOnLastDate { get; set; }

    public int BestStreak { get; set; }

    public int TotalDays { get; set; }

    /// <summary>The interaction ids of the latest answers that had one, oldest first, at most <see cref="RecentAnswersKept"/>.</summary>
    public List<RecentAnswer> Recent { get; set; } = [];

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

    public static MemberDocument New(string serverId, string memberId, string displayName) => new()
    {
        Id = Keys.Member(serverId, memberId),
        Server = serverId,
        Member = memberId,
        DisplayName = displayName,
    };

    public void Remember(string? interactionId, DateOnly localDate)
    {
        if (interactionId is null)
        {
            return;
        }

        Recent.Add(new RecentAnswer { InteractionId = interactionId, Date = Keys.Date(localDate) });
        if (Recent.Count > RecentAnswersKept)
        {
            Recent.RemoveRange(0, Recent.Count - RecentAnswersKept);
        }
    }

    public MemberRecord ToRecord() => new(Server, Member, DisplayName, TimeZoneId, Summary, ProfileTimeZoneId);

    /// <summary>
    /// The stored shape, written by hand: what the mapper writes (nulls left out), without its reflection and per-call
    /// allocations, as a credit rewrites the member every time (tested against the mapper).
    /// </summary>
    public BsonDocument ToBson()
    {
        var recent = new BsonArray();
        foreach (var r in Recent)
        {
            recent.Add(new BsonDocument { ["i"] = r.InteractionId, ["d"] = r.Date });
        }

        var document = new BsonDocument
        {
            ["_id"] = Id,
            [nameof(Server)] = Server,
            [nameof(Member)] = Member,
            [nameof(DisplayName)] = DisplayName,
        };
        Bson.AddIfSet(document, nameof(TimeZoneId), TimeZoneId);
        Bson.AddIfSet(document, nameof(ProfileTimeZoneId), ProfileTimeZoneId);
        Bson.AddIfSet(document, nameof(LastActiveDate), LastActiveDate);
        document[nameof(RunEndingOnLastDate)] = RunEndingOnLastDate;
        document[nameof(BestStreak)] = BestStreak;
        document[nameof(TotalDays)] = TotalDays;
        document[nameof(Recent)] = recent;
        return document;
    }

    /// <summary>The document as the mapper would read it.</summary>
    public static MemberDocument FromBson(BsonDocument stored)
    {
        var recent = stored[nameof(Recent)];
        return new MemberDocument
        {
            Id = Bson.StringOrNull(stored["_id"]) ?? "",
            Server = Bson.StringOrNull(stored[nameof(Server)]) ?? "",
            Member = Bson.StringOrNull(stored[nameof(Member)]) ?? "",
            DisplayName = Bson.StringOrNull(stored[nameof(DisplayName)]) ?? "",
            TimeZoneId = Bson.StringOrNull(stored[nameof(TimeZoneId)]),
            ProfileTimeZoneId = Bson.StringOrNull(stored[nameof(ProfileTimeZoneId)]),
            LastActiveDate = Bson.StringOrNull(stored[nameof(LastActiveDate)]),
            RunEndingOnLastDate = stored[nameof(RunEndingOnLastDate)].AsInt32,
            BestStreak = stored[nameof(BestStreak)].AsInt32,
            TotalDays = stored[nameof(TotalDays)].AsInt32,
            Recent = recent.IsArray
                ? [.. recent.AsArray.Select(r => new RecentAnswer { InteractionId = r["i"].AsString, Date = r["d"].AsString })]
                : [],
        };
    }

    /// <summary>The record straight from the stored document: the mapper would also build <see cref="Recent"/>, which no record shows.</summary>
    public static MemberRecord ToRecord(BsonDocument stored)
    {
        var last = stored[nameof(LastActiveDate)];
        var zone = stored[nameof(TimeZoneId)];
        var profileZone = stored[nameof(ProfileTimeZoneId)];
        return new MemberRecord(
            stored[nameof(Server)].AsString,
            stored[nameof(Member)].AsString,
            stored[nameof(DisplayName)].AsString,
            zone.IsString ? zone.AsString : null,
            new StreakSummary(
                last.IsString ? Keys.ParseDate(last.AsString) : null,
                stored[nameof(RunEndingOnLastDate)].AsInt32,
                stored[nameof(BestStreak)].AsInt32,
                stored[nameof(TotalDays)].AsInt32),
            profileZone.IsString ? profileZone.AsString : null);
    }
}

/// <summary>An answer's interaction id and local date, as a member document keeps it; short field names, as it is rewritten often.</summary>
internal sealed class RecentAnswer
{
    [BsonField("i")]
    public string InteractionId { get; set; } = "";

    [BsonField("d")]
    public string Date { get; set; } = "";
}

/// <summary>
/// One active local day of a member and the answer that made it active; _id "d:server:member:yyyy-MM-dd", in the
/// streaks collection. Appended by the first answer of the day and never removed. <see cref="Answers"/> counts the
/// day's answers (the credit plus practice); the practice answers are <see cref="PracticeAnswerDocument"/>s.
/// </summary>
internal sealed class ActiveDayDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public string Date { get; set; } = "";

    public int Answers { get; set; }

    /// <summary>The zone the credit was counted in.</summary>
    public string TimeZoneId { get; set; } = "";

    public int? QuestionId { get; set; }

    public string? InteractionId { get; set; }

    /// <summary>When the credit came (ISO 8601 with offset); absent on days stored before it was kept.</summary>
    public string? AnsweredAt { get; set; }

    /// <summary>The stored shape, written by hand as <see cref="MemberDocument.ToBson"/> is.</summary>
    public BsonDocument ToBson()
    {
        var document = new BsonDocument
        {
            ["_id"] = Id,
            [nameof(Date)] = Date,
            [nameof(Answers)] = Answers,
            [nameof(TimeZoneId)] = TimeZoneId,
        };
        if (QuestionId is { } question)
        {
            document[nameof(QuestionId)] = question;
        }

        Bson.AddIfSet(document, nameof(InteractionId), InteractionId);
        Bson.AddIfSet(document, nameof(AnsweredAt), AnsweredAt);
        return document;
    }
}

/// <summary>Helpers for the documents written by hand.</summary>
internal static class Bson
{
    /// <summary>The mapper leaves a null out of the document; so do these.</summary>
    public static void AddIfSet(BsonDocument document, string name, string? value)
    {
        if (value is not null)
        {
            document[name] = value;
        }
    }

    public static string? StringOrNull(BsonValue value) => value.IsString ? value.AsString : null;
}

/// <summary>A later answer of an active day, kept as practice; _id "p:server:member:yyyy-MM-dd:n", in the streaks collection.</summary>
internal sealed class PracticeAnswerDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public string TimeZoneId { get; set; } = "";

    public int? QuestionId { get; set; }

    public string? InteractionId { get; set; }
}

/// <summary>A server's setup; _id is the server id.</summary>
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

    /// <summary>Which questions the rotation draws from; absent (null) in files written before it existed, meaning both.</summary>
    public string? QuestionSource { get; set; }

    /// <summary>Streak freezes a member may hold; absent on servers set up before freezes (the default then).</summary>
    public int? FreezeLimit { get; set; }

    /// <summary>Streak lengths mapped to roles ("7=123;30=456"); absent when the server has none.</summary>
    public string? MilestoneRoles { get; set; }

    public string? MilestonesPausedReason { get; set; }

    public static ServerDocument From(ServerSettings settings) => new()
    {
        Id = settings.ServerId,
        ChannelId = settings.ChannelId,
        PostTimeTicks = settings.PostTime.Ticks,
        TimeZoneId = settings.TimeZoneId,
        PingRoleId = settings.PingRoleId,
        Paused = settings.Paused,
        PausedReason = settings.PausedReason,
        ConfiguredAt = Keys.Instant(settings.ConfiguredAt),
        QuestionSource = settings.QuestionSource == Core.Questions.QuestionSource.Both ? null : settings.QuestionSource.ToString(),
        FreezeLimit = settings.FreezeLimit,
        MilestoneRoles = settings.MilestoneRoles,
        MilestonesPausedReason = settings.MilestonesPausedReason,
    };

    public ServerSettings ToRecord() => new(
        Id,
        ChannelId,
        new TimeOnly(PostTimeTicks),
        TimeZoneId,
        PingRoleId,
        Paused,
        PausedReason,
        Keys.ParseInstant(ConfiguredAt),
        Enum.TryParse<Core.Questions.QuestionSource>(QuestionSource, out var source) ? source : Core.Questions.QuestionSource.Both,
        FreezeLimit ?? StreakRules.DefaultFreezeLimit,
        MilestoneRoles,
        MilestonesPausedReason);
}

/// <summary>The daily post of a server for a local date; _id "server:yyyy-MM-dd".</summary>
internal sealed class DailySlotDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public string Server { get; set; } = "";

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
        Server = slot.ServerId,
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
        Server,
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

internal sealed class MemberNoticeDocument
{
    /// <summary><see cref="Keys.Notice"/>.</summary>
    [BsonId]
    public string Id { get; set; } = "";

    public string Server { get; set; } = "";

    public string Member { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary><see cref="Keys.Instant"/>.</summary>
    public string CreatedAt { get; set; } = "";
}

/// <summary>
/// Up to <see cref="Capacity"/> of a member's self-ratings in the order given; _id <see cref="Keys.RatingChunk"/>. A rating
/// is appended to the member's last chunk and never changed. Chunks of one-line entries, not a document per rating:
/// /review reads all of a member's ratings, and LiteDB's cost is per document and per field (2,000 rating documents
/// took about 13 ms to read on the loaded 2-core machine, chunks of nested documents 4.7 ms).
/// </summary>
internal sealed class RatingChunkDocument
{
    public const int Capacity = 100;

    /// <summary><see cref="Keys.RatingChunk"/>.</summary>
    [BsonId]
    public string Id { get; set; } = "";

    /// <summary>Each a <see cref="RatingLine"/>: "12|partly|2026-12-09|Europe/Berlin|utcTicks|offsetMinutes".</summary>
    public List<string> Ratings { get; set; } = [];
}

/// <summary>A server's own question; _id <see cref="Keys.OwnQuestion"/>, in the server_questions collection.</summary>
internal sealed class OwnQuestionDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public string Server { get; set; } = "";

    public int Number { get; set; }

    public string Text { get; set; } = "";

    /// <summary>The category's key as in questions.json, e.g. "system-design".</summary>
    public string Category { get; set; } = "";

    public List<string> KeyPoints { get; set; } = [];

    public List<string> Pitfalls { get; set; } = [];

    public bool Retired { get; set; }

    public string AddedBy { get; set; } = "";

    /// <summary><see cref="Keys.Instant"/>.</summary>
    public string AddedAt { get; set; } = "";

    public static OwnQuestionDocument From(OwnQuestion question) => new()
    {
        Id = Keys.OwnQuestion(question.ServerId, question.Id),
        Server = question.ServerId,
        Number = question.Id,
        Text = question.Text,
        Category = QuestionCategories.Key(question.Category),
        KeyPoints = [.. question.KeyPoints],
        Pitfalls = [.. question.Pitfalls],
        Retired = question.Retired,
        AddedBy = question.AddedBy,
        AddedAt = Keys.Instant(question.AddedAt),
    };

    public OwnQuestion ToRecord() => new(
        Server,
        Number,
        Text,
        QuestionCategories.TryParse(Category, out var category) ? category : QuestionCategory.SystemDesign,
        KeyPoints,
        Pitfalls,
        Retired,
        AddedBy,
        Keys.ParseInstant(AddedAt));
}

/// <summary>A member's suggested question; _id <see cref="Keys.Suggestion"/>, in the server_questions collection.</summary>
internal sealed class SuggestionDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public string Server { get; set; } = "";

    public int Number { get; set; }

    public string Member { get; set; } = "";

    public string MemberName { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary><see cref="SuggestionStatus"/> by name.</summary>
    public string Status { get; set; } = "";

    /// <summary><see cref="Keys.Instant"/>.</summary>
    public string CreatedAt { get; set; } = "";

    public string? Reason { get; set; }

    public int? QuestionId { get; set; }

    public QuestionSuggestion ToRecord() => new(
        Server,
        Number,
        Member,
        MemberName,
        Text,
        Enum.TryParse<SuggestionStatus>(Status, out var status) ? status : SuggestionStatus.Open,
        Keys.ParseInstant(CreatedAt),
        Reason,
        QuestionId);
}

/// <summary>One freeze event; _id "f:server:member:yyyy-MM-dd:Kind", in the streak ledger. Appended, never changed.</summary>
internal sealed class FreezeEventDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public FreezeEventKind Kind { get; set; }

    public string Date { get; set; } = "";

    public string RecordedAt { get; set; } = "";
}

/// <summary>A member's streak settings; _id "s:server:member", in the streak ledger.</summary>
internal sealed class MemberSettingsDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public bool Hidden { get; set; }

    public List<ZoneChangeDocument> ZoneChanges { get; set; } = [];
}

internal sealed class ZoneChangeDocument
{
    public string RequestedAt { get; set; } = "";

    public string EffectiveFrom { get; set; } = "";

    public string? TimeZoneId { get; set; }

    public string? PreviousTimeZoneId { get; set; }
}

internal sealed class ReminderDocument
{
    /// <summary><see cref="Keys.Reminder"/>.</summary>
    [BsonId]
    public string Id { get; set; } = "";

    public string Server { get; set; } = "";

    public string Member { get; set; } = "";

    /// <summary>"HH:mm".</summary>
    public string Time { get; set; } = "";

    /// <summary><see cref="Keys.Date"/>.</summary>
    public string DueDate { get; set; } = "";

    /// <summary><see cref="Keys.Instant"/>, with its offset.</summary>
    public string DueAt { get; set; } = "";

    /// <summary>The UTC ticks of <see cref="DueAt"/>: indexed, so the due reminders are a range of the index.</summary>
    public long DueTicks { get; set; }

    public string TimeZoneId { get; set; } = "";

    /// <summary><see cref="Keys.Date"/>, or null.</summary>
    public string? LastSentDate { get; set; }
}
