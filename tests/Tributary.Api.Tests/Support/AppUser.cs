using Tributary.Auth;
using Tributary.Data;
using Tributary.Testing;

namespace Tributary.Api.Tests.Support;

/// <summary>A user inserted straight into the database, with an access token of the host.</summary>
public sealed record AppUser(string Id, string Name, string Token)
{
    public static async Task<AppUser> CreateAsync(TributaryTestHost host, string name)
    {
        var id = await TestUsers.InsertAsync(host.GetRequiredService<Database>(), name);
        var (token, _) = host.GetRequiredService<AccessTokens>().Issue(id, name);
        return new AppUser(id, name, token);
    }
}
