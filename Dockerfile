# StudyBot: build with the .NET 10 SDK, run on the smaller runtime image as a non-root user.

# Only the project files, so the restore below is cached until one of them changes. Found rather than listed, so a
# new project needs no edit here.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS projects
WORKDIR /src
COPY src/ src/
RUN find src -type f ! -name '*.csproj' -delete && find src -type d -empty -delete

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY --from=projects /src/src/ src/
RUN dotnet restore src/StudyBot.Worker/StudyBot.Worker.csproj

# A source edit rebuilds from here on and reuses the restored packages.
COPY BannedSymbols.txt .editorconfig ./
COPY src/ src/
COPY config/ config/
RUN dotnet publish src/StudyBot.Worker/StudyBot.Worker.csproj -c Release -o /app --no-restore --nologo

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The content (config/content) ships inside /app; the LiteDB file lives on the /data volume.
RUN mkdir -p /data && chown app:app /data
USER app
ENV DOTNET_ENVIRONMENT=Production \
    Storage__Path=/data/studybot.db
VOLUME ["/data"]
ENTRYPOINT ["dotnet", "StudyBot.Worker.dll"]
