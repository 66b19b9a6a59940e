namespace StudyBot.Worker.Hosting;

/// <summary>A configuration the host cannot run with; its message is meant for the person starting the bot.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
