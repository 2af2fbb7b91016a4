namespace Tributary.Api.Errors;

/// <summary>Either a value or an <see cref="ApiError"/>: how services report client errors without throwing.</summary>
/// <typeparam name="T">The value type.</typeparam>
public readonly record struct Outcome<T>
{
    private Outcome(T? value, ApiError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when <see cref="Error"/> is null.</summary>
    public T? Value { get; }

    /// <summary>The error, or null on success.</summary>
    public ApiError? Error { get; }

    /// <summary>A success.</summary>
    public static Outcome<T> Ok(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static Outcome<T> Fail(ApiError error) => new(default, error);

    /// <summary>A failure.</summary>
    public static implicit operator Outcome<T>(ApiError error) => Fail(error);
}
