namespace StudyBot.Slack.Blocks;

/// <summary>Slack's Block Kit and message limits (slack-protocol.md §3.2, §4.3, §6), in characters unless named otherwise.</summary>
public static class SlackLimits
{
    public const int BlocksPerMessage = 50;
    public const int BlocksPerView = 100;
    public const int SectionText = 3000;
    public const int SectionFields = 10;
    public const int SectionFieldText = 2000;
    public const int HeaderText = 150;
    public const int ContextElements = 10;

    /// <summary>Not documented for context elements; kept at a section field's limit to be safe.</summary>
    public const int ContextText = 2000;

    public const int ActionsElements = 25;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int ActionId = 255;
    public const int BlockId = 255;

    /// <summary>Longer top-level text is truncated by Slack; 4,000 is its recommendation.</summary>
    public const int MessageText = 40_000;

    public const int MessageTextRecommended = 4_000;

    public const int ViewTitle = 24;
    public const int ViewSubmit = 24;
    public const int ViewClose = 24;
    public const int ViewPrivateMetadata = 3000;
    public const int ViewCallbackId = 255;
    public const int InputLabel = 2000;
    public const int InputHint = 2000;
    public const int InputPlaceholder = 150;

    /// <summary>A plain_text_input's min_length and max_length are at most this.</summary>
    public const int PlainTextInputLength = 3000;
}
