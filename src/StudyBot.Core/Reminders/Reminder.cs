namespace StudyBot.Core.Reminders;

/// <summary>
/// A member's daily reminder in one server: at <see cref="Time"/> on their own local day, if they have not answered.
/// <see cref="DueAt"/> is the next instant it is due, for the member's local date <see cref="DueDate"/> in
/// <see cref="TimeZoneId"/> (the zone it was computed in); <see cref="LastSentDate"/> is the local date of the latest
/// reminder sent, so changing the time never sends a second one the same day.
/// </summary>
public sealed record Reminder(
    string ServerId,
    string MemberId,
    TimeOnly Time,
    DateOnly DueDate,
    DateTimeOffset DueAt,
    string TimeZoneId,
    DateOnly? LastSentDate);
