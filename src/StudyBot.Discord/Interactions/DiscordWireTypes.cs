using System.Diagnostics.CodeAnalysis;

namespace StudyBot.Discord.Interactions;

/// <summary>What an interaction response does (docs: interactions/receiving-and-responding, "Interaction Callback Type").</summary>
public enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
    ApplicationCommandAutocompleteResult = 8,
    Modal = 9,
}

/// <summary>Message component types (docs: components/reference).</summary>
public enum ComponentType
{
    ActionRow = 1,
    Button = 2,
    TextInput = 4,
    Label = 18,
}

public enum ButtonStyle
{
    Primary = 1,
}

[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Discord's own name for the style")]
public enum TextInputStyle
{
    Short = 1,
    Paragraph = 2,
}

/// <summary>Message flag bits StudyBot sets (docs: resources/message, "Message Flags").</summary>
public static class MessageFlag
{
    /// <summary>Only the member who used the interaction sees the message.</summary>
    public const int Ephemeral = 1 << 6;
}

/// <summary>Application command types (docs: interactions/application-commands).</summary>
public enum ApplicationCommandType
{
    ChatInput = 1,
}

[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Discord's own names for the option types")]
public enum ApplicationCommandOptionType
{
    SubCommand = 1,
    String = 3,
    Integer = 4,
    User = 6,
    Channel = 7,
    Role = 8,
    Attachment = 11,
}

/// <summary>Channel types a command option can be limited to (docs: resources/channel, "Channel Types").</summary>
public enum ChannelType
{
    GuildText = 0,
    GuildAnnouncement = 5,
}

/// <summary>Where a command can be used: <see cref="Guild"/> is a server (docs: "Interaction Context Types").</summary>
public enum InteractionContextType
{
    Guild = 0,
}

/// <summary>How the app is installed: <see cref="GuildInstall"/> is to a server (docs: "Application Integration Types").</summary>
public enum ApplicationIntegrationType
{
    GuildInstall = 0,
}
