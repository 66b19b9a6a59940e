namespace StudyBot.Discord.Interactions;

/// <summary>Discord's documented message limits (resources/message, components/reference).</summary>
internal static class DiscordLimits
{
    public const int Content = 2000;
    public const int Embeds = 10;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int EmbedTotal = 6000;
    public const int ActionRows = 5;
    public const int ButtonsPerRow = 5;
    public const int ButtonLabel = 80;
    public const int CustomId = 100;
    public const int Choices = 25;
    public const int ChoiceName = 100;
    public const int CommandDescription = 100;
    public const int ModalTitle = 45;
    public const int TextInputLabel = 45;
    public const int TextInputMaxLength = 4000;
    public const int OptionMaxLength = 6000;
    public const int Nonce = 25;

    /// <summary>The upload limit per message without boosts (an interaction's attachment_size_limit is at least this).</summary>
    public const int AttachmentBytes = 10 * 1024 * 1024;
}
