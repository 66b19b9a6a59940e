namespace StudyBot.Core.Learning;

/// <summary>
/// Storage port for self-ratings, append-only: a rating is never changed, and the review schedule is derived from all of
/// a member's ratings (<see cref="ReviewSchedule"/>). The LiteDB store and every test double pass one contract suite.
/// </summary>
public interface IRatingStore
{
    Task AddAsync(RatingRecord rating, CancellationToken cancellationToken);

    /// <summary>The member's ratings in that server, in the order they were added (the order the member gave them).</summary>
    Task<IReadOnlyList<RatingRecord>> GetAsync(string serverId, string memberId, CancellationToken cancellationToken);

    /// <summary>Removes the member's ratings in that server; returns how many there were.</summary>
    Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken);
}
