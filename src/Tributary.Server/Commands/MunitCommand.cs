using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tributary.Server.Commands;

/// <summary>
/// <c>tributary munit list|drain|revive|stop|assign|unassign</c>: the fleet's admin mutations, sent to a running server's
/// <c>/graphql</c> with an API key holding the scope <c>fleet:admin</c> (<c>--api-key</c> or <c>TRIBUTARY_API_KEY</c>).
/// Exit codes: 0 done, 1 refused by the server (the error is printed; nothing changed), 2 bad usage.
/// </summary>
public static class MunitCommand
{
    /// <summary>Exit code when the server refused the command (unknown munit, wrong state, missing scope) or could not be reached.</summary>
    public const int RefusedExitCode = 1;

    private const string Fields = "id status stations rooms assignedRooms downlinks host janus lastReportAt";

    /// <summary>Builds the command; output and errors go to the given writers (the console by default).</summary>
    public static Command Create(TextWriter? output = null, TextWriter? error = null)
    {
        var server = new Option<string>("--server")
        {
            Description = "The server's base address (default http://127.0.0.1:8080; env TRIBUTARY_SERVER).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TRIBUTARY_SERVER") is { Length: > 0 } s ? s : "http://127.0.0.1:8080",
            Recursive = true,
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "An API key with the scope fleet:admin (default: env TRIBUTARY_API_KEY).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TRIBUTARY_API_KEY"),
            Recursive = true,
        };
        var munit = new Command("munit", "List and manage the media units of a running server (API key scope fleet:admin).");
        munit.Options.Add(server);
        munit.Options.Add(apiKey);

        var list = new Command("list", "List every munit: id, status, stations, rooms, downlinks, host, Janus health, last report.");
        list.SetAction((parse, ct) => RunAsync(parse.GetValue(server)!, parse.GetValue(apiKey), $"query {{ munits {{ {Fields} }} }}", null, "munits", output, error, ct));
        munit.Subcommands.Add(list);
        foreach (var (name, field, description) in new[]
        {
            ("drain", "drainMunit", "Drain a munit: no new stations; the ones it holds run until they end."),
            ("revive", "reviveMunit", "Revive a draining or stopped munit."),
            ("stop", "stopMunit", "Stop a munit: its stations move to other munits and their rooms get RESTART."),
        })
        {
            var id = new Argument<string>("id") { Description = "The munit's id (see `tributary munit list`)." };
            var command = new Command(name, description) { id };
            command.SetAction((parse, ct) => RunAsync(
                parse.GetValue(server)!,
                parse.GetValue(apiKey),
                $"mutation($id: ID!) {{ {field}(id: $id) {{ {Fields} }} }}",
                new JsonObject { ["id"] = parse.GetValue(id) },
                field,
                output,
                error,
                ct));
            munit.Subcommands.Add(command);
        }

        var room = new Argument<string>("room-id") { Description = "The room's id." };
        var target = new Argument<string>("munit-id") { Description = "The munit's id (see `tributary munit list`)." };
        var assign = new Command("assign", "Assign a room to a munit: its stations move there (the room gets RESTART) and new ones go there while it is active and has room.") { room, target };
        assign.SetAction((parse, ct) => RunAsync(
            parse.GetValue(server)!,
            parse.GetValue(apiKey),
            $"mutation($room: ID!, $munit: ID!) {{ assignRoom(roomId: $room, munitId: $munit) {{ {Fields} }} }}",
            new JsonObject { ["room"] = parse.GetValue(room), ["munit"] = parse.GetValue(target) },
            "assignRoom",
            output,
            error,
            ct));
        munit.Subcommands.Add(assign);
        var unassignedRoom = new Argument<string>("room-id") { Description = "The room's id." };
        var unassign = new Command("unassign", "Unassign a room: it is placed as usual again (its stations stay where they are).") { unassignedRoom };
        unassign.SetAction((parse, ct) => RunAsync(
            parse.GetValue(server)!,
            parse.GetValue(apiKey),
            $"mutation($room: ID!) {{ unassignRoom(roomId: $room) {{ {Fields} }} }}",
            new JsonObject { ["room"] = parse.GetValue(unassignedRoom) },
            "unassignRoom",
            output,
            error,
            ct));
        munit.Subcommands.Add(unassign);
        return munit;
    }

    private static async Task<int> RunAsync(string server, string? apiKey, string query, JsonObject? variables, string field, TextWriter? output, TextWriter? error, CancellationToken cancellationToken)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            await error.WriteLineAsync("An API key with the scope fleet:admin is required: --api-key or TRIBUTARY_API_KEY.");
            return TributaryCommandLine.UsageExitCode;
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"--server '{server}' is not an http(s) address.");
            return TributaryCommandLine.UsageExitCode;
        }

        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables }),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        JsonDocument body;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            await error.WriteLineAsync($"Could not reach {baseUri}: {e.Message}");
            return RefusedExitCode;
        }

        using (body)
        {
            if (body.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
            {
                foreach (var e in errors.EnumerateArray())
                {
                    var code = e.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var c) ? c.GetString() : "ERROR";
                    await error.WriteLineAsync($"{code}: {e.GetProperty("message").GetString()}");
                }

                return RefusedExitCode;
            }

            var data = body.RootElement.GetProperty("data").GetProperty(field);
            var munits = data.ValueKind == JsonValueKind.Array ? [.. data.EnumerateArray()] : new[] { data };
            await output.WriteLineAsync($"{"ID",-28} {"STATUS",-9} {"STATIONS",8} {"ROOMS",6} {"ASSIGNED",8} {"DOWNLINKS",9} {"JANUS",-10} {"HOST",-20} LAST REPORT");
            foreach (var m in munits)
            {
                await output.WriteLineAsync(string.Join(' ',
                    $"{Text(m, "id"),-28}",
                    $"{Text(m, "status"),-9}",
                    $"{Text(m, "stations"),8}",
                    $"{Text(m, "rooms"),6}",
                    $"{Text(m, "assignedRooms"),8}",
                    $"{Text(m, "downlinks"),9}",
                    $"{Text(m, "janus"),-10}",
                    $"{Text(m, "host"),-20}",
                    Text(m, "lastReportAt")));
            }

            return 0;
        }
    }

    private static string Text(JsonElement munit, string name) =>
        munit.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : "-";
}
