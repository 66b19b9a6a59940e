using StudyBot.Core.Learning;

namespace StudyBot.Core.Tests.Fakes;

public sealed class InMemoryRatingStore : IRatingStore
{
    private readonly Lock gate = new();
    private readonly List<RatingRecord> ratings = [];

    public Task AddAsync(RatingRecord rating, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            ratings.Add(rating);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RatingRecord>> GetAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<RatingRecord> found = [.. ratings.Where(r => r.ServerId == serverId && r.MemberId == memberId)];
            return Task.FromResult(found);
        }
    }

    public Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(ratings.RemoveAll(r => r.ServerId == serverId && r.MemberId == memberId));
        }
    }
}
