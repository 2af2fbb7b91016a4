namespace Tributary.Profiles;

/// <summary>Looks up public profiles by user id (implemented over the users table).</summary>
public interface IProfileDirectory
{
    /// <summary>The profiles of the given users; unknown ids are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, Profile>> GetAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default);
}
