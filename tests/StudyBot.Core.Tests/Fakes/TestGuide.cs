using StudyBot.Core.Content;
using StudyBot.Core.Tests.Content;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>The real content from config/content, loaded once for all tests.</summary>
internal static class TestGuide
{
    public static GuideContent Content { get; } = ContentLoader.Load(TestContent.ContentDirectory);
}
