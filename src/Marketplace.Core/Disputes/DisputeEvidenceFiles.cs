using Marketplace.Core.Catalog;
using Marketplace.Core.Data;
using Marketplace.Core.Storage;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Disputes;

public static class EvidenceErrors
{
    public static readonly DomainError Empty = new("evidence.empty", "Choose a photo or video to attach.");
    public static readonly DomainError TooLarge = DomainError.Of("evidence.too_large", "Photos can be at most {0} MB and videos {1} MB.", DisputeEvidenceFiles.MaxImageBytes / (1024 * 1024), DisputeEvidenceFiles.MaxVideoBytes / (1024 * 1024));
    public static readonly DomainError WrongType = new("evidence.type", "Attach JPEG, PNG or WebP photos, or MP4 or WebM videos. That file is something else.");
    public static readonly DomainError Unreadable = new("evidence.unreadable", "That photo could not be read. It may be damaged; try another.");
    public static readonly DomainError TooManyPixels = DomainError.Of("evidence.too_many_pixels", "That photo has more than {0} megapixels. Make it smaller (for example 4000 × 3000 pixels) and attach it again.", ImageDecoder.MaxPixels / 1_000_000);
    public static readonly DomainError TooMany = DomainError.Of("evidence.too_many", "A dispute can have at most {0} files.", DisputeEvidenceFiles.MaxFiles);
    public static readonly DomainError Closed = new("evidence.closed", "This dispute is closed; nothing more can be attached.", ErrorKind.Conflict);
}

/// <summary>An upload that passed the content checks, ready to be kept.</summary>
public sealed record PreparedEvidence(string FileName, string ContentType, byte[] Bytes);

/// <summary>
/// Evidence files of a dispute. An upload is trusted by its content, never its name: photos must decode and are
/// stored re-encoded as JPEG (no EXIF, e.g. no GPS position); videos must start as MP4 or WebM and stay under the
/// size limit. Files live outside the public media folder and are streamed only to the dispute's buyer, its seller
/// and admins; anyone else gets "not found".
/// </summary>
public sealed class DisputeEvidenceFiles(MarketplaceDbContext db, IFileStorage storage, TimeProvider clock)
{
    public const long MaxImageBytes = 8 * 1024 * 1024;
    public const long MaxVideoBytes = 30 * 1024 * 1024;
    public const int MaxFiles = 10;
    private const int EvidenceSide = 2000;

    public async Task<Result<DisputeEvidence>> AddAsync(DisputeParty party, Guid disputeId, string fileName, Stream upload, long length, CancellationToken ct = default)
    {
        var dispute = await db.Disputes.AsNoTracking().FirstOrDefaultAsync(d => d.Id == disputeId, ct);
        if (dispute is null || !party.MayAct(dispute))
        {
            return DisputeErrors.NotFound;
        }

        if (!dispute.IsActive)
        {
            return EvidenceErrors.Closed;
        }

        if (await db.DisputeEvidence.CountAsync(e => e.DisputeId == disputeId, ct) >= MaxFiles)
        {
            return EvidenceErrors.TooMany;
        }

        var prepared = await PrepareAsync(fileName, upload, length, ct);
        if (!prepared.Succeeded)
        {
            return prepared.Error!;
        }

        var stored = await StoreAsync(party, disputeId, [prepared.Value!], ct);
        return Result<DisputeEvidence>.Ok(stored[0]);
    }

    /// <summary>
    /// Checks one upload by its content and makes it safe to keep (photos re-encoded), without saving anything:
    /// the open-dispute form checks every file before the dispute exists, so a bad file loses nothing.
    /// </summary>
    public static async Task<Result<PreparedEvidence>> PrepareAsync(string fileName, Stream upload, long length, CancellationToken ct = default)
    {
        if (length <= 0)
        {
            return EvidenceErrors.Empty;
        }

        if (length > MaxVideoBytes)
        {
            return EvidenceErrors.TooLarge;
        }

        var bytes = await ListingImages.ReadAtMostAsync(upload, MaxVideoBytes, ct);
        if (bytes is null)
        {
            return EvidenceErrors.TooLarge;
        }

        string contentType;
        if (ListingImages.Sniff(bytes) is not null)
        {
            if (bytes.Length > MaxImageBytes)
            {
                return EvidenceErrors.TooLarge;
            }

            var decoded = await ImageDecoder.DecodeAsync(bytes, minSide: 1, keepSide: EvidenceSide, bitmap => ListingImages.Encode(bitmap, EvidenceSide), ct);
            if (decoded.Verdict != ImageVerdict.Decoded)
            {
                return decoded.Verdict == ImageVerdict.TooManyPixels ? EvidenceErrors.TooManyPixels : EvidenceErrors.Unreadable;
            }

            bytes = decoded.Value!;
            contentType = "image/jpeg";
        }
        else if (SniffVideo(bytes) is { } video)
        {
            contentType = video;
        }
        else
        {
            return EvidenceErrors.WrongType;
        }

        return Result<PreparedEvidence>.Ok(new PreparedEvidence(Path.GetFileName(fileName), contentType, bytes));
    }

    /// <summary>Keeps checked files on a dispute the party may act on (the caller checked that), in one save.</summary>
    public async Task<IReadOnlyList<DisputeEvidence>> StoreAsync(DisputeParty party, Guid disputeId, IReadOnlyList<PreparedEvidence> files, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var stored = new List<DisputeEvidence>();
        foreach (var file in files)
        {
            var key = $"evidence/{disputeId:N}/{Ids.New():N}{(file.ContentType == "image/jpeg" ? ".jpg" : file.ContentType == "video/mp4" ? ".mp4" : ".webm")}";
            using (var stream = new MemoryStream(file.Bytes))
            {
                await storage.SaveAsync(key, stream, ct);
            }

            var evidence = new DisputeEvidence(disputeId, party.Role, file.FileName, file.ContentType, file.Bytes.Length, key, now);
            db.DisputeEvidence.Add(evidence);
            stored.Add(evidence);
        }

        await db.SaveChangesAsync(ct);
        return stored;
    }

    public async Task<IReadOnlyList<DisputeEvidence>> ListAsync(Guid disputeId, CancellationToken ct = default) =>
        await db.DisputeEvidence.AsNoTracking().Where(e => e.DisputeId == disputeId).OrderBy(e => e.UploadedAt).ToListAsync(ct);

    /// <summary>The file and its type for one of the parties, or null (not theirs, or no such file).</summary>
    public async Task<(Stream Content, string ContentType)?> OpenAsync(IReadOnlyList<DisputeParty> parties, Guid disputeId, Guid evidenceId, CancellationToken ct = default)
    {
        var dispute = await db.Disputes.AsNoTracking().FirstOrDefaultAsync(d => d.Id == disputeId, ct);
        if (dispute is null || !parties.Any(p => p.MayAct(dispute)))
        {
            return null;
        }

        var evidence = await db.DisputeEvidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.DisputeId == disputeId, ct);
        if (evidence is null || await storage.OpenReadAsync(evidence.StorageKey, ct) is not { } stream)
        {
            return null;
        }

        return (stream, evidence.ContentType);
    }

    /// <summary>video/mp4 (an ISO media "ftyp" box first) or video/webm (EBML header), else null.</summary>
    public static string? SniffVideo(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return "video/mp4";
        }

        if (head.Length >= 4 && head[0] == 0x1A && head[1] == 0x45 && head[2] == 0xDF && head[3] == 0xA3)
        {
            return "video/webm";
        }

        return null;
    }
}
