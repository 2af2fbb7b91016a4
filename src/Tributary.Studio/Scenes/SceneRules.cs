using Tributary.Api.Errors;
using Tributary.Studio.Studios;

namespace Tributary.Studio.Scenes;

/// <summary>What setScene accepts.</summary>
public static class SceneRules
{
    /// <summary>Most sources on stage (a 3×3 grid).</summary>
    public const int MaxStage = 9;

    /// <summary>Longest stage entry (publisher session ids are short).</summary>
    public const int MaxSourceLength = 64;

    /// <summary>Longest banner title.</summary>
    public const int MaxTitleLength = 100;

    /// <summary>Null when the scene is acceptable, else BAD_USER_INPUT naming the argument.</summary>
    public static ApiError? Check(StudioScene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        if (scene.Stage.Count > MaxStage)
        {
            return ApiError.BadInput("stage", $"At most {MaxStage} sources fit on stage.");
        }

        if (scene.Stage.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > MaxSourceLength || s.Any(char.IsControl)))
        {
            return ApiError.BadInput("stage", $"Stage entries are publisher session ids (or \"{StudioScene.IngestSource}\") of 1–{MaxSourceLength} characters.");
        }

        if (scene.Stage.Distinct(StringComparer.Ordinal).Count() != scene.Stage.Count)
        {
            return ApiError.BadInput("stage", "A source appears on stage once.");
        }

        if (scene.Title is { } title && (title.Length > MaxTitleLength || title.Any(char.IsControl)))
        {
            return ApiError.BadInput("title", $"title must be at most {MaxTitleLength} characters, without control characters.");
        }

        return null;
    }
}
