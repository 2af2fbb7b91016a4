namespace Tributary.Web.Tests;

/// <summary>The browser tests share one server and browser and run alone: each Chromium page costs a good part of a core.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
