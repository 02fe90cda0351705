using System.Net;
using Marketplace.Core.Disputes;
using Marketplace.Core.Storage;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>
/// Files in a real S3-compatible server (s3rver on 127.0.0.1) shared by two app instances on one PostgreSQL database:
/// what one instance stores, the other serves; evidence stays behind the app's authorization.
/// </summary>
public sealed class ObjectStorageTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private MarketplaceAppFactory _a = null!;
    private MarketplaceAppFactory _b = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        var bucket = await (await TestS3Server.GetAsync()).NewBucketAsync();
        _a = Instance(bucket);
        _b = Instance(bucket);
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_bucket_keeps_what_is_saved_under_its_key_and_knows_what_it_doesnt_have()
    {
        var storage = _a.Services.GetRequiredService<IFileStorage>();
        var photo = TestImages.Jpeg();

        await storage.SaveAsync("listings/abc/one.jpg", new MemoryStream(photo), Ct);
        await storage.SaveAsync("listings/abc/one.jpg", new MemoryStream(photo[..100]), Ct);
        await using var read = await _b.Services.GetRequiredService<IFileStorage>().OpenReadAsync("listings/abc/one.jpg", Ct);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy, Ct);
        var missing = await storage.OpenReadAsync("listings/abc/none.jpg", Ct);
        var escape = async () => await storage.SaveAsync("../outside.jpg", new MemoryStream(photo), Ct);

        storage.Should().BeOfType<S3FileStorage>();
        copy.ToArray().Should().Equal(photo[..100], "the second save replaced the first");
        missing.Should().BeNull();
        await escape.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task A_photo_uploaded_on_one_instance_is_served_by_the_other_and_evidence_only_to_its_parties()
    {
        var seller = await new CatalogBuilder(_a).SellerAsync("Bucket Goods", "PT");
        var listing = await new CatalogBuilder(_a).ListingAsync(seller, await new CatalogBuilder(_a).CategoryAsync("Toys"), "Tin robot");
        var sellerOnA = await _a.SignInAsSellerAsync(seller);
        var uploaded = await Html.ParseAsync(await sellerOnA.SubmitFormAsync($"/Seller/Listings/{listing.Id}", "#upload-form", new Dictionary<string, string>(), new UploadFile("photo", "robot.png", "image/png", TestImages.Png())));
        string thumbnail;
        await using (var db = _database.CreateContext())
        {
            thumbnail = (await db.Listings.SingleAsync(l => l.Id == listing.Id, Ct)).Images.Single().ThumbnailKey;
        }

        var fromB = await _b.CreateClient().GetAsync("/media/" + thumbnail, Ct);

        var (_, buyerId, orderId) = await new OrderBuilder(_a).OrderFromNewStoreAsync();
        var dispute = await _a.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.NotAsDescribed, DisputeRemedy.FullRefund, null, "Dented."), Ct));
        var png = TestImages.Png();
        var evidence = await _a.RunAsync<DisputeEvidenceFiles, Result<DisputeEvidence>>(e => e.AddAsync(DisputeParty.Buyer(buyerId), dispute.Value!.Id, "dent.png", new MemoryStream(png), png.Length, Ct));
        var evidencePath = $"/Disputes/{dispute.Value!.Id}/Evidence/{evidence.Value!.Id}";
        var buyerOnB = await _b.SignInAsUserAsync(buyerId);
        var strangerOnB = await _b.SignInAsAsync("stranger@test.local");

        var buyerSees = await buyerOnB.GetAsync(evidencePath, Ct);
        var strangerSees = await strangerOnB.GetAsync(evidencePath, Ct);
        var publicRoute = await _b.CreateClient().GetAsync("/media/" + evidence.Value.StorageKey, Ct);

        uploaded.Text("[role=status]").Should().Be("Photo added.");
        fromB.StatusCode.Should().Be(HttpStatusCode.OK);
        fromB.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        fromB.Headers.CacheControl!.ToString().Should().Be("public, max-age=31536000, immutable");
        (await fromB.Content.ReadAsByteArrayAsync(Ct)).Take(3).Should().Equal(0xFF, 0xD8, 0xFF);
        buyerSees.StatusCode.Should().Be(HttpStatusCode.OK);
        (await buyerSees.Content.ReadAsByteArrayAsync(Ct)).Take(3).Should().Equal(0xFF, 0xD8, 0xFF);
        strangerSees.StatusCode.Should().Be(HttpStatusCode.NotFound);
        publicRoute.StatusCode.Should().Be(HttpStatusCode.NotFound, "evidence is never served as public media");
        Directory.Exists(Path.Combine(_a.DataPath, "uploads", "listings")).Should().BeFalse("files went to the bucket, not the local folder");
    }

    [Fact]
    public async Task An_evidence_video_in_the_bucket_is_served_in_ranges_so_it_can_be_scrubbed()
    {
        var (_, buyerId, orderId) = await new OrderBuilder(_a).OrderFromNewStoreAsync();
        var dispute = await _a.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.NotAsDescribed, DisputeRemedy.FullRefund, null, "It rattles."), Ct));
        byte[] video = [0, 0, 0, 0x18, .. "ftypmp42"u8, .. Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7 % 251))];
        var evidence = await _a.RunAsync<DisputeEvidenceFiles, Result<DisputeEvidence>>(e => e.AddAsync(DisputeParty.Buyer(buyerId), dispute.Value!.Id, "rattle.mp4", new MemoryStream(video), video.Length, Ct));
        var buyerOnB = await _b.SignInAsUserAsync(buyerId);
        var path = $"/Disputes/{dispute.Value!.Id}/Evidence/{evidence.Value!.Id}";

        var whole = await buyerOnB.GetAsync(path, Ct);
        var middle = await GetRangeAsync(buyerOnB, path, 150_000, 150_999);
        var tail = await GetRangeAsync(buyerOnB, path, null, 500);

        whole.StatusCode.Should().Be(HttpStatusCode.OK);
        whole.Headers.AcceptRanges.Should().Contain("bytes");
        (await whole.Content.ReadAsByteArrayAsync(Ct)).Should().Equal(video);
        middle.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        middle.Content.Headers.ContentRange!.ToString().Should().Be($"bytes 150000-150999/{video.Length}");
        (await middle.Content.ReadAsByteArrayAsync(Ct)).Should().Equal(video[150_000..151_000]);
        tail.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        (await tail.Content.ReadAsByteArrayAsync(Ct)).Should().Equal(video[^500..]);
    }

    private static Task<HttpResponseMessage> GetRangeAsync(HttpClient client, string path, long? from, long? to)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(from, to);
        return client.SendAsync(request, Ct);
    }

    private MarketplaceAppFactory Instance(IDictionary<string, string?> bucket) => MarketplaceAppFactory.Instance(_database, bucket);
}
