# The web app's image. docker-compose.yml runs it with PostgreSQL (+ a standby profile), MinIO and Caddy.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore in its own layer: it is re-run only when a project file or the package versions change.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Marketplace.Analyzers/Marketplace.Analyzers.csproj src/Marketplace.Analyzers/
COPY src/Marketplace.Domain/Marketplace.Domain.csproj src/Marketplace.Domain/
COPY src/Marketplace.Core/Marketplace.Core.csproj src/Marketplace.Core/
COPY src/Marketplace.Data.Postgres/Marketplace.Data.Postgres.csproj src/Marketplace.Data.Postgres/
COPY src/Marketplace.Data.Sqlite/Marketplace.Data.Sqlite.csproj src/Marketplace.Data.Sqlite/
COPY src/Marketplace.Web/Marketplace.Web.csproj src/Marketplace.Web/
RUN dotnet restore src/Marketplace.Web/Marketplace.Web.csproj
COPY src/ src/
RUN dotnet publish src/Marketplace.Web/Marketplace.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for the HEALTHCHECK only (the runtime image has no HTTP client of its own).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data \
    && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    App__DataPath=/data
VOLUME /data
EXPOSE 8080
# The non-root user the .NET images provide (UID 1654).
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl --fail --silent --show-error http://localhost:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "Marketplace.Web.dll"]
