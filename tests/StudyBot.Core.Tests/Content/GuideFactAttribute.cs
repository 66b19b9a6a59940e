namespace StudyBot.Core.Tests.Content;

/// <summary>
/// A [Fact] that needs the guide the content came from; without it (the shared seed folder is not beside the
/// checkout) the test is reported as skipped, with the reason, never as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class GuideFactAttribute : FactAttribute
{
    public GuideFactAttribute()
    {
        if (TestContent.GuideLines is null)
        {
            Skip = "The guide (../shared/seed/ml-engineer-guide.txt beside the checkout) is absent.";
        }
    }
}
