using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tributary.Data.Outbox;

namespace Tributary.Api.Webhooks;

/// <summary>Wires webhooks.</summary>
public static class WebhookServiceCollectionExtensions
{
    /// <summary>Registration and storage (any role that manages webhooks).</summary>
    public static IServiceCollection AddTributaryWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<WebhookStore>();
        return services;
    }

    /// <summary>Fan-out from the outbox and delivery (the <c>control</c> role).</summary>
    public static IServiceCollection AddWebhookDispatcher(this IServiceCollection services)
    {
        services.AddSingleton<IOutboxConsumer, WebhookFanOut>();
        services.TryAddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddHttpClient(WebhookDispatcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    // The guard runs on the resolved address, so a public name that resolves to an
                    // internal address is refused too.
                    ConnectCallback = async (context, ct) =>
                    {
                        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct).ConfigureAwait(false);
                        var allowed = addresses.Where(a => options.AllowPrivateAddresses || WebhookAddressGuard.IsPublic(a)).ToArray();
                        if (allowed.Length == 0)
                        {
                            throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to no public address");
                        }

                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                        try
                        {
                            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
                            return new NetworkStream(socket, ownsSocket: true);
                        }
                        catch
                        {
                            socket.Dispose();
                            throw;
                        }
                    },
                };
            });
        return services;
    }
}
