using Microsoft.Extensions.Options;
using Tributary.Media.Janus;

namespace Tributary.Media.Tests.Janus;

public sealed class JanusConfigurationTests
{
    [Fact]
    public void The_generated_folder_enables_only_VideoRoom_and_HTTP_on_loopback_with_secrets_and_half_trickle()
    {
        var configuration = JanusConfiguration.Create(JanusTestUnits.Options());
        try
        {
            var main = File.ReadAllText(configuration.MainFile);
            var http = File.ReadAllText(Path.Combine(configuration.Folder, "janus.transport.http.jcfg"));
            var videoRoom = File.ReadAllText(Path.Combine(configuration.Folder, "janus.plugin.videoroom.jcfg"));

            Assert.Contains($"api_secret = \"{configuration.ApiSecret}\"", main, StringComparison.Ordinal);
            Assert.Contains($"admin_secret = \"{configuration.AdminSecret}\"", main, StringComparison.Ordinal);
            Assert.Equal(32, configuration.ApiSecret.Length);
            Assert.NotEqual(configuration.ApiSecret, configuration.AdminSecret);
            Assert.Contains("full_trickle = false", main, StringComparison.Ordinal);
            Assert.Contains("ipv6 = false", main, StringComparison.Ordinal);
            Assert.Contains("ignore_mdns = true", main, StringComparison.Ordinal);
            Assert.Contains("rtp_port_range = \"42000-42999\"", main, StringComparison.Ordinal);
            Assert.DoesNotContain("stun_server", main, StringComparison.Ordinal);
            Assert.DoesNotContain("nat_1_1_mapping", main, StringComparison.Ordinal);
            Assert.Contains("libjanus_echotest.so", main, StringComparison.Ordinal);
            Assert.Contains("libjanus_websockets.so", main, StringComparison.Ordinal);
            Assert.Contains("libjanus_jsonlog.so", main, StringComparison.Ordinal);
            Assert.DoesNotContain("libjanus_videoroom.so", main, StringComparison.Ordinal);
            Assert.DoesNotContain("libjanus_http.so", main, StringComparison.Ordinal);
            Assert.Contains("ip = \"127.0.0.1\"", http, StringComparison.Ordinal);
            Assert.Contains("admin_ip = \"127.0.0.1\"", http, StringComparison.Ordinal);
            Assert.Contains("admin_http = true", http, StringComparison.Ordinal);
            Assert.Contains($"port = {configuration.HttpPort}", http, StringComparison.Ordinal);
            Assert.Contains($"admin_port = {configuration.AdminPort}", http, StringComparison.Ordinal);
            Assert.NotEqual(configuration.HttpPort, configuration.AdminPort);
            Assert.Contains("string_ids = true", videoRoom, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(configuration.MainFile));
        }
        finally
        {
            configuration.DeleteIfTemporary();
        }

        Assert.False(Directory.Exists(configuration.Folder));
    }

    [Fact]
    public void Network_options_reach_the_configuration()
    {
        var configuration = JanusConfiguration.Create(JanusTestUnits.Options(o =>
        {
            o.Interface = "10.99.0.1";
            o.IceEnforceList = "10.99.0.1";
            o.NatOneToOneMapping = "203.0.113.7";
            o.AdminSecret = "given-admin-secret";
        }));
        try
        {
            var main = File.ReadAllText(configuration.MainFile);

            Assert.Contains("interface = \"10.99.0.1\"", main, StringComparison.Ordinal);
            Assert.Contains("ice_enforce_list = \"10.99.0.1\"", main, StringComparison.Ordinal);
            Assert.DoesNotContain("ice_ignore_list", main, StringComparison.Ordinal);
            Assert.Contains("nat_1_1_mapping = \"203.0.113.7\"", main, StringComparison.Ordinal);
            Assert.Equal("given-admin-secret", configuration.AdminSecret);
        }
        finally
        {
            configuration.DeleteIfTemporary();
        }
    }

    [Fact]
    public void Quotes_and_backslashes_are_escaped_in_settings()
    {
        Assert.Equal("\"a\\\"b\\\\c\"", JanusConfiguration.Quote("a\"b\\c"));
    }

    [Theory]
    [InlineData("RtpPortRange", "40000-30000", "RtpPortRange")]
    [InlineData("RtpPortRange", "0-100", "RtpPortRange")]
    [InlineData("Interface", "eth0", "Interface 'eth0' is not an IP address")]
    [InlineData("NatOneToOneMapping", "1.2.3.4,example.org", "NatOneToOneMapping 'example.org'")]
    public void Invalid_network_options_are_refused_with_the_setting_named(string property, string value, string expected)
    {
        var options = JanusTestUnits.Options();
        typeof(JanusOptions).GetProperty(property)!.SetValue(options, value);

        var result = new JanusOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_options_are_valid()
    {
        var result = new JanusOptionsValidator().Validate(null, new JanusOptions());

        Assert.Equal(ValidateOptionsResult.Success, result);
        Assert.False(new JanusOptions().Enabled);
    }
}
