using GraphQL.Validation;
using GraphQLParser.AST;
using Tributary.Api.Auth;

namespace Tributary.Api.Http;

/// <summary>Refuses mutations and subscriptions that arrived by HTTP GET (GET must be safe).</summary>
public sealed class HttpGetQueriesOnlyRule : ValidationRuleBase
{
    /// <inheritdoc />
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.UserContext is ApiUserContext { IsHttpGet: true } && context.Operation.Operation != OperationType.Query)
        {
            context.ReportError(new HttpGetMutationError(context.Operation.Operation.ToString().ToLowerInvariant()));
        }

        return default;
    }
}
