using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace StudyBot.Persistence;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The LiteDB data file; relative paths are resolved against the working directory.</summary>
    [Required]
    public string Path { get; set; } = "data/studybot.db";
}

[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
