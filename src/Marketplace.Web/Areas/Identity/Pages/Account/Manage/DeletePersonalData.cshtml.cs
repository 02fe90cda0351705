using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Identity;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Replaces Identity's page: refuses while anything is open, then anonymises instead of deleting rows sellers and the ledger need.</summary>
public sealed class DeletePersonalDataModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, DeleteAccount delete) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool RequirePassword { get; private set; }

    public IReadOnlyList<Marketplace.Domain.Common.Text> Blockers { get; private set; } = [];

    public bool Deleted { get; private set; }

    public sealed class InputModel
    {
        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        RequirePassword = await users.HasPasswordAsync(user);
        Blockers = await delete.BlockersAsync(user.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        RequirePassword = await users.HasPasswordAsync(user);
        if (RequirePassword && !await users.CheckPasswordAsync(user, Input.Password ?? string.Empty))
        {
            ModelState.AddModelError("Input.Password", Localization.Texts["That password is not right."]);
            Blockers = await delete.BlockersAsync(user.Id, ct);
            return Page();
        }

        var deleted = await delete.ExecuteAsync(user.Id, ct);
        if (!deleted.Succeeded)
        {
            ModelState.AddModelError(string.Empty, deleted.Error!.Text());
            Blockers = await delete.BlockersAsync(user.Id, ct);
            return Page();
        }

        await signIn.SignOutAsync();
        HttpContext.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        Deleted = true;
        return Page();
    }
}
