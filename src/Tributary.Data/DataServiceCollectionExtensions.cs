using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Data.AppRooms;
using Tributary.Data.Chat;
using Tributary.Data.Migrations;
using Tributary.Data.Notifications;
using Tributary.Data.Outbox;
using Tributary.Data.Social;
using Tributary.Data.Users;
using Tributary.Hosting;
using Tributary.Profiles;
using Tributary.Rooms;

namespace Tributary.Data;

/// <summary>Wires the data layer.</summary>
public static partial class DataServiceCollectionExtensions
{
    /// <summary>Registers the one <see cref="Database"/> of the process and start-up migrations.</summary>
    public static IServiceCollection AddTributaryData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var server = sp.GetRequiredService<IOptions<ServerOptions>>().Value;
            return Database.Create(options.ConnectionString, server.EnsureDataDir());
        });
        services.TryAddSingleton<IProfileDirectory, ProfileDirectory>();
        // Registered first among hosted services so nothing touches the tables before they exist.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrateOnStart>());
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<OutboxStore>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<NotificationStore>();
        services.TryAddSingleton<SocialGraph>();
        services.TryAddSingleton<AppRoomStore>();
        services.TryAddSingleton<ChatStore>();
        services.TryAddSingleton<IRoomAdmission, AppRoomAdmission>();
        services.TryAddSingleton<IRoomEvents, RoomEventSink>();
        return services;
    }

    /// <summary>Runs the outbox dispatcher in this process (the <c>control</c> role).</summary>
    public static IServiceCollection AddOutboxDispatcher(this IServiceCollection services)
    {
        services.TryAddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    private sealed partial class MigrateOnStart(Database database, IOptions<DatabaseOptions> options, ILogger<MigrateOnStart> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.MigrateOnStart)
            {
                var applied = MigrationRunner.Migrate(database, options.Value.MigrationConnectionString, m => LogEvolve(logger, m));
                LogMigrated(logger, applied, database.Dialect.ToString());
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Database ready ({Dialect}); {Applied} migrations applied")]
        private static partial void LogMigrated(ILogger logger, int applied, string dialect);

        [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Evolve: {Message}")]
        private static partial void LogEvolve(ILogger logger, string message);
    }
}
