using StudyBot.Worker.Hosting;

return await StudyBotHost.RunAsync(args);
