namespace Tributary.Media.Tests.Browser;

/// <summary>The browser tests share one server and browser and run alone: each Chromium costs a good part of a core.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MediaBrowserCollection : ICollectionFixture<MediaBrowserFixture>
{
    public const string Name = "media browser";
}
