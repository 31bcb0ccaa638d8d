using System.Collections.Immutable;
using Weft.GrainInterfaces.Paging;

namespace Weft.GrainInterfaces.Notifications;

/// <summary>Which notifications to list.</summary>
/// <param name="Page">Paging bounds.</param>
/// <param name="Types">Only these types; empty for all.</param>
/// <param name="ExcludeTypes">Not these types.</param>
/// <param name="FromAccountId">Only from this account, or null.</param>
/// <param name="StatusId">Only about this status, or null.</param>
public sealed record NotificationQuery(
    PageRequest Page,
    ImmutableArray<NotificationType> Types,
    ImmutableArray<NotificationType> ExcludeTypes,
    long? FromAccountId,
    long? StatusId = null);
