using Marketplace.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Core.Identity;

/// <summary>Makes sure the four roles exist. Runs at every start-up; cheap when they do.</summary>
public sealed class RoleSeeder(RoleManager<IdentityRole<Guid>> roles)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Ids.New() });
            }
        }
    }
}
