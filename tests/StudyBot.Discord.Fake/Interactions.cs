using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Fake;

/// <summary>
/// Builds gateway event payloads shaped as Discord's docs describe them (our own fixtures, not copies):
/// INTERACTION_CREATE of each type, MESSAGE_CREATE in a thread and GUILD_MEMBER_ADD. Every interaction gets a
/// fresh id and token; dispatch it with <see cref="FakeDiscord.DispatchInteractionAsync"/>.
/// </summary>
public sealed class Interactions
{
    private readonly FakeDiscord fake;

    internal Interactions(FakeDiscord fake) => this.fake = fake;

    public string GuildId { get; set; } = "1380000000000000100";

    public string ChannelId { get; set; } = "1380000000000000200";

    public string UserId { get; set; } = "1380000000000000300";

    public string Username { get; set; } = "ada";

    public string? GlobalName { get; set; } = "Ada";

    public string? Nick { get; set; }

    /// <summary>
    /// The member's permissions in the channel, a decimal string bitset as Discord sends it; null leaves
    /// member.permissions out, as some Discord-compatible servers do.
    /// </summary>
    public string? Permissions { get; set; } = "2248473465835073";

    /// <summary>The member's role ids (member.roles).</summary>
    public IList<string> Roles { get; } = [];

    /// <summary>A slash command (type 2, CHAT_INPUT) with top-level options, e.g. ("timezone", 3, "Europe/Berlin").</summary>
    public JsonObject SlashCommand(string name, params (string Name, int Type, JsonNode? Value)[] options)
    {
        var data = CommandData(name);
        data["options"] = new JsonArray([.. options.Select(o => (JsonNode)Option(o.Name, o.Type, o.Value))]);
        return Interaction(2, data);
    }

    /// <summary>
    /// A slash command with a file: option <paramref name="option"/> (type 11) holds the attachment's id, and
    /// data.resolved.attachments holds its URL on the fake's CDN (<see cref="FakeDiscord.AddAttachment"/>) and size.
    /// </summary>
    public JsonObject SlashCommandWithFile(string name, string option, string filename, byte[] content, long? claimedSize = null)
    {
        var (id, url) = fake.AddAttachment(filename, content);
        var data = CommandData(name);
        data["options"] = new JsonArray(Option(option, 11, id));
        data["resolved"] = new JsonObject
        {
            ["attachments"] = new JsonObject
            {
                [id] = new JsonObject
                {
                    ["id"] = id,
                    ["filename"] = filename,
                    ["size"] = claimedSize ?? content.Length,
                    ["url"] = url,
                    ["proxy_url"] = url,
                    ["content_type"] = "text/csv; charset=utf-8",
                },
            },
        };
        return Interaction(2, data);
    }

    /// <summary>A slash command whose only option is a subcommand holding <paramref name="options"/>.</summary>
    public JsonObject SlashSubcommand(string name, string subcommand, params (string Name, int Type, JsonNode? Value)[] options)
    {
        var data = CommandData(name);
        data["options"] = new JsonArray(new JsonObject
        {
            ["name"] = subcommand,
            ["type"] = 1,
            ["options"] = new JsonArray([.. options.Select(o => (JsonNode)Option(o.Name, o.Type, o.Value))]),
        });
        return Interaction(2, data);
    }

    /// <summary>An autocomplete request (type 4): the option being typed has focused:true and a partial string value.</summary>
    public JsonObject Autocomplete(string name, string focusedOption, string typed, params (string Name, int Type, JsonNode? Value)[] otherOptions)
    {
        var data = CommandData(name);
        var focused = Option(focusedOption, 3, typed);
        focused["focused"] = true;
        data["options"] = new JsonArray([.. otherOptions.Select(o => (JsonNode)Option(o.Name, o.Type, o.Value)), focused]);
        return Interaction(4, data);
    }

    /// <summary>A button click (type 3) on a message the bot sent, carrying that message.</summary>
    public JsonObject ButtonClick(string customId, string? messageId = null, string content = "")
    {
        var interaction = Interaction(3, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 });
        interaction["message"] = new JsonObject
        {
            ["id"] = messageId ?? fake.NewSnowflake(),
            ["channel_id"] = ChannelId,
            ["type"] = 0,
            ["content"] = content,
            ["author"] = new JsonObject { ["id"] = fake.BotUserId, ["username"] = "StudyBot", ["discriminator"] = "0", ["bot"] = true },
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = 1,
                ["id"] = 1,
                ["components"] = new JsonArray(new JsonObject { ["type"] = 2, ["id"] = 2, ["style"] = 1, ["label"] = "Answer", ["custom_id"] = customId }),
            }),
            ["embeds"] = new JsonArray(),
            ["timestamp"] = "2026-01-05T09:00:00.000000+00:00",
            ["flags"] = 0,
        };
        return interaction;
    }

    /// <summary>A modal submit (type 5) in today's form: each text input wrapped in a Label (type 18).</summary>
    public JsonObject ModalSubmit(string customId, params (string CustomId, string Value)[] inputs)
    {
        var id = 1;
        var components = inputs.Select(input => (JsonNode)new JsonObject
        {
            ["type"] = 18,
            ["id"] = id++,
            ["component"] = new JsonObject { ["type"] = 4, ["id"] = id++, ["custom_id"] = input.CustomId, ["value"] = input.Value },
        });
        return Interaction(5, new JsonObject { ["custom_id"] = customId, ["components"] = new JsonArray([.. components]) });
    }

    /// <summary>A modal submit (type 5) in the legacy form: each text input alone in an action row (type 1).</summary>
    public JsonObject ModalSubmitLegacy(string customId, params (string CustomId, string Value)[] inputs)
    {
        var components = inputs.Select(input => (JsonNode)new JsonObject
        {
            ["type"] = 1,
            ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = input.CustomId, ["value"] = input.Value }),
        });
        return Interaction(5, new JsonObject { ["custom_id"] = customId, ["components"] = new JsonArray([.. components]) });
    }

    /// <summary>
    /// The same interaction as Discord sends it from the member's DM with the bot: no guild_id, user instead of member
    /// (so no permissions or roles), the DM channel (type 1), context 1 (BOT_DM), data without guild_id.
    /// </summary>
    public JsonObject InDm(JsonObject interaction, string? dmChannelId = null)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var channelId = dmChannelId ?? "1380000000000000900";
        interaction.Remove("guild_id");
        interaction.Remove("guild_locale");
        interaction["user"] = User(UserId, Username, GlobalName);
        interaction.Remove("member");
        interaction["channel"] = new JsonObject { ["id"] = channelId, ["type"] = 1, ["recipients"] = new JsonArray(User(UserId, Username, GlobalName)) };
        interaction["channel_id"] = channelId;
        interaction["context"] = 1;
        interaction["authorizing_integration_owners"] = new JsonObject { ["0"] = "0" };
        (interaction["data"] as JsonObject)?.Remove("guild_id");
        if (interaction["message"] is JsonObject message)
        {
            message["channel_id"] = channelId;
        }

        return interaction;
    }

    /// <summary>MESSAGE_CREATE for a member's message in a thread (channel_id is the thread's id), as the gateway sends it.</summary>
    public JsonObject ThreadMessageCreate(string threadId, string content, string? authorId = null, string? username = null)
    {
        return new JsonObject
        {
            ["id"] = fake.NewSnowflake(),
            ["channel_id"] = threadId,
            ["guild_id"] = GuildId,
            ["type"] = 0,
            ["content"] = content,
            ["author"] = User(authorId ?? UserId, username ?? Username, GlobalName),
            ["member"] = new JsonObject
            {
                ["roles"] = new JsonArray(),
                ["nick"] = Nick,
                ["joined_at"] = "2025-09-01T12:00:00.000000+00:00",
                ["deaf"] = false,
                ["mute"] = false,
                ["flags"] = 0,
            },
            ["mentions"] = new JsonArray(),
            ["mention_roles"] = new JsonArray(),
            ["mention_everyone"] = false,
            ["attachments"] = new JsonArray(),
            ["embeds"] = new JsonArray(),
            ["pinned"] = false,
            ["tts"] = false,
            ["timestamp"] = "2026-01-05T09:15:00.000000+00:00",
            ["edited_timestamp"] = null,
            ["flags"] = 0,
            ["position"] = 1,
        };
    }

    /// <summary>GUILD_CREATE for <see cref="GuildId"/>: its owner and its roles (the @everyone role's id is the guild's).</summary>
    public JsonObject GuildCreate(string ownerId, params (string Id, string Permissions)[] roles) => new()
    {
        ["id"] = GuildId,
        ["name"] = "Study group",
        ["owner_id"] = ownerId,
        ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)new JsonObject
        {
            ["id"] = r.Id,
            ["name"] = r.Id == GuildId ? "@everyone" : $"role {r.Id}",
            ["permissions"] = r.Permissions,
            ["position"] = 0,
            ["color"] = 0,
            ["hoist"] = false,
            ["managed"] = false,
            ["mentionable"] = false,
        })]),
        ["member_count"] = 2,
        ["joined_at"] = "2025-09-01T12:00:00.000000+00:00",
        ["large"] = false,
        ["unavailable"] = false,
        ["channels"] = new JsonArray(),
        ["threads"] = new JsonArray(),
        ["members"] = new JsonArray(),
    };

    /// <summary>GUILD_ROLE_UPDATE: a role of <see cref="GuildId"/> now has these permissions.</summary>
    public JsonObject GuildRoleUpdate(string roleId, string permissions) => new()
    {
        ["guild_id"] = GuildId,
        ["role"] = new JsonObject { ["id"] = roleId, ["name"] = $"role {roleId}", ["permissions"] = permissions, ["position"] = 1 },
    };

    /// <summary>GUILD_MEMBER_ADD: a guild member plus guild_id.</summary>
    public JsonObject GuildMemberAdd(string? userId = null, string? username = null)
    {
        return new JsonObject
        {
            ["guild_id"] = GuildId,
            ["user"] = User(userId ?? UserId, username ?? Username, GlobalName),
            ["nick"] = null,
            ["avatar"] = null,
            ["roles"] = new JsonArray(),
            ["joined_at"] = "2026-01-05T08:00:00.000000+00:00",
            ["premium_since"] = null,
            ["deaf"] = false,
            ["mute"] = false,
            ["flags"] = 0,
            ["pending"] = false,
        };
    }

    private JsonObject CommandData(string name) => new()
    {
        ["id"] = fake.NewSnowflake(),
        ["name"] = name,
        ["type"] = 1,
        ["guild_id"] = GuildId,
    };

    private static JsonObject Option(string name, int type, JsonNode? value) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["value"] = value?.DeepClone(),
    };

    private static JsonObject User(string id, string username, string? globalName) => new()
    {
        ["id"] = id,
        ["username"] = username,
        ["discriminator"] = "0",
        ["global_name"] = globalName,
        ["avatar"] = null,
        ["public_flags"] = 0,
    };

    private JsonObject Interaction(int type, JsonObject data)
    {
        var interaction = NewInteraction(type, data);
        if (Permissions is null)
        {
            interaction["member"]!.AsObject().Remove("permissions");
        }

        return interaction;
    }

    private JsonObject NewInteraction(int type, JsonObject data) => new()
    {
        ["id"] = fake.NewSnowflake(),
        ["application_id"] = fake.ApplicationId,
        ["type"] = type,
        ["data"] = data,
        ["guild_id"] = GuildId,
        ["channel"] = new JsonObject { ["id"] = ChannelId, ["type"] = 0, ["guild_id"] = GuildId, ["name"] = "study" },
        ["channel_id"] = ChannelId,
        ["member"] = new JsonObject
        {
            ["user"] = User(UserId, Username, GlobalName),
            ["roles"] = new JsonArray([.. Roles.Select(r => (JsonNode)r)]),
            ["nick"] = Nick,
            ["avatar"] = null,
            ["joined_at"] = "2025-09-01T12:00:00.000000+00:00",
            ["deaf"] = false,
            ["mute"] = false,
            ["flags"] = 0,
            ["pending"] = false,
            ["permissions"] = Permissions,
        },
        ["token"] = "aW50ZXJhY3Rpb246" + Guid.NewGuid().ToString("N"),
        ["version"] = 1,
        ["app_permissions"] = "2248473465835073",
        ["locale"] = "en-US",
        ["guild_locale"] = "en-US",
        ["entitlements"] = new JsonArray(),
        ["authorizing_integration_owners"] = new JsonObject { ["0"] = GuildId },
        ["context"] = 0,
        ["attachment_size_limit"] = 10_485_760,
    };
}
