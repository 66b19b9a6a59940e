namespace StudyBot.Discord.Tests.Fake;

/// <summary>A [Fact] that is skipped, with a reason, when Discord's OpenAPI spec is not beside the checkout.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SpecFactAttribute : FactAttribute
{
    public SpecFactAttribute()
    {
        if (SpecLocation.Path is null)
        {
            Skip = "Discord's OpenAPI spec (../shared/discord-api-spec/openapi.json beside the checkout) is absent.";
        }
    }
}
