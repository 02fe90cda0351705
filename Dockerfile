# Builds and runs the web app. docker-compose.yml pairs it with PostgreSQL.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Marketplace.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    App__DataPath=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Marketplace.Web.dll"]
