using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Api.Auth;
using Tributary.Api.Errors;

namespace Tributary.Api.Schema;

/// <summary>What resolvers need from the request: the caller, services, and errors as values.</summary>
public static class ResolveFieldContextExtensions
{
    /// <summary>The authenticated caller of this request.</summary>
    public static ICurrentUser Caller(this IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.UserContext is ApiUserContext api
            ? api.Caller
            : throw new InvalidOperationException("The request was not executed through GraphQLHttpEndpoint.");
    }

    /// <summary>A service from the request's scope.</summary>
    public static T Service<T>(this IResolveFieldContext context)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(context);
        return (context.RequestServices ?? throw new InvalidOperationException("No request services.")).GetRequiredService<T>();
    }

    /// <summary>The value of <paramref name="outcome"/>, or null with its error added to the response.</summary>
    public static object? Reply<T>(this IResolveFieldContext context, Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (outcome.Error is { } error)
        {
            var executionError = error.ToExecutionError();
            executionError.AddLocation(context.FieldAst, context.Document);
            executionError.Path = context.ResponsePath;
            context.Errors.Add(executionError);
            return null;
        }

        return outcome.Value;
    }

    /// <summary>Null with <paramref name="error"/> added to the response.</summary>
    public static object? Reply(this IResolveFieldContext context, ApiError error) => context.Reply(Outcome<object>.Fail(error));
}
