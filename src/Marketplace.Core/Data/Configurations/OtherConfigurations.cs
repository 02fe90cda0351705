using Marketplace.Core.Email;
using Marketplace.Core.Identity;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Messaging;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Core.Data.Configurations;

internal sealed class SellerConfiguration : IEntityTypeConfiguration<Seller>
{
    public void Configure(EntityTypeBuilder<Seller> builder)
    {
        builder.Property(s => s.StoreName).HasMaxLength(80);
        builder.Property(s => s.Slug).HasMaxLength(80);
        builder.Property(s => s.CountryCode).HasMaxLength(2).IsFixedLength();
        builder.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(s => s.Description).HasMaxLength(4000);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(s => s.UserId).IsUnique();
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> builder)
    {
        builder.Property(e => e.To).HasMaxLength(256);
        builder.Property(e => e.Subject).HasMaxLength(300);
        builder.Property(e => e.LastError).HasMaxLength(500);
        builder.HasIndex(e => e.CreatedAt);
        builder.HasIndex(e => new { e.SentAt, e.ParkedAt, e.NextAttemptAt });
    }
}

internal sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<Exchange.ExchangeRateRow>
{
    public void Configure(EntityTypeBuilder<Exchange.ExchangeRateRow> builder)
    {
        builder.HasKey(r => r.Currency);
        builder.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(r => r.PerEuro).HasPrecision(28, 10);
        builder.Property(r => r.Source).HasMaxLength(300);
    }
}

internal sealed class RateLimitCounterConfiguration : IEntityTypeConfiguration<RateLimits.RateLimitCounter>
{
    public void Configure(EntityTypeBuilder<RateLimits.RateLimitCounter> builder)
    {
        builder.HasKey(c => new { c.Key, c.Window });
        builder.Property(c => c.Key).HasMaxLength(300);
        builder.HasIndex(c => c.ExpiresAt);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.CountryCode).HasMaxLength(2).IsFixedLength();
        builder.Property(u => u.Language).HasMaxLength(16);
        builder.Property(u => u.SuspensionReason).HasMaxLength(500);
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Domain.Reviews.Review>
{
    public void Configure(EntityTypeBuilder<Domain.Reviews.Review> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Text).HasMaxLength(Domain.Reviews.Review.MaxTextLength);
        builder.HasIndex(r => r.OrderLineId).IsUnique();
        builder.HasIndex(r => new { r.ListingId, r.CreatedAt });
        builder.HasIndex(r => new { r.SellerId, r.CreatedAt });
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(r => r.Photos, photo =>
        {
            photo.ToTable("ReviewPhotos");
            photo.WithOwner().HasForeignKey("ReviewId");
            photo.HasKey(p => p.Id);
            photo.Property(p => p.Id).ValueGeneratedNever();
            photo.Property(p => p.Key).HasMaxLength(200);
            photo.Property(p => p.ThumbnailKey).HasMaxLength(200);
        });
        builder.Navigation(r => r.Photos).HasField("_photos").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TakedownRequestConfiguration : IEntityTypeConfiguration<Domain.Trust.TakedownRequest>
{
    public void Configure(EntityTypeBuilder<Domain.Trust.TakedownRequest> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Brand).HasMaxLength(60);
        builder.Property(t => t.Description).HasMaxLength(Domain.Trust.TakedownRequest.MaxTextLength);
        builder.Property(t => t.Evidence).HasMaxLength(Domain.Trust.TakedownRequest.MaxTextLength);
        builder.Property(t => t.Decision).HasMaxLength(1000);
        builder.Property(t => t.CounterNotice).HasMaxLength(Domain.Trust.TakedownRequest.MaxTextLength);
        builder.Property(t => t.CounterDecision).HasMaxLength(1000);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.CounterOutcome).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(t => new { t.RightsHolderId, t.SubmittedAt });
        builder.HasIndex(t => new { t.ListingId, t.Status });
        builder.HasOne<Listing>().WithMany().HasForeignKey(t => t.ListingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BrushingReportConfiguration : IEntityTypeConfiguration<Domain.Trust.BrushingReport>
{
    public void Configure(EntityTypeBuilder<Domain.Trust.BrushingReport> builder)
    {
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.TrackingNumber).HasMaxLength(60);
        builder.Property(b => b.WhatArrived).HasMaxLength(Domain.Trust.BrushingReport.MaxTextLength);
        builder.Property(b => b.ReviewNote).HasMaxLength(Domain.Trust.BrushingReport.MaxTextLength);
        builder.Property(b => b.ReviewedAt).IsConcurrencyToken();
        builder.HasIndex(b => new { b.ReporterId, b.ReportedAt });
        builder.HasIndex(b => b.MatchedSellerId);
    }
}

internal sealed class BrandConfiguration : IEntityTypeConfiguration<Domain.Trust.Brand>
{
    public void Configure(EntityTypeBuilder<Domain.Trust.Brand> builder)
    {
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Name).HasMaxLength(60);
        builder.Property(b => b.Key).HasMaxLength(60);
        builder.HasIndex(b => b.Key).IsUnique();
        builder.Ignore(b => b.ReferencePrice);
        builder.Property(b => b.ReferenceCurrency).HasMaxLength(3).IsFixedLength();
        builder.Property(b => b.Aliases).HasMaxLength(400).HasDefaultValue(string.Empty);
        builder.Property(b => b.Categories).HasMaxLength(400).HasDefaultValue(string.Empty);
        builder.HasMany(b => b.Lines).WithOne().HasForeignKey(l => l.BrandId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class BrandLineConfiguration : IEntityTypeConfiguration<Domain.Trust.BrandLine>
{
    public void Configure(EntityTypeBuilder<Domain.Trust.BrandLine> builder)
    {
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Name).HasMaxLength(60);
        builder.Property(l => l.Keywords).HasMaxLength(1000);
        builder.Property(l => l.Categories).HasMaxLength(400);
        builder.Property(l => l.ReferenceCurrency).HasMaxLength(3).IsFixedLength();
        builder.Ignore(l => l.Reference);
    }
}

internal sealed class AdminActionConfiguration : IEntityTypeConfiguration<Domain.Trust.AdminAction>
{
    public void Configure(EntityTypeBuilder<Domain.Trust.AdminAction> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Action).HasMaxLength(40);
        builder.Property(a => a.Subject).HasMaxLength(40);
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.SubjectId, a.At });
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Topic).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => c.OrderId).IsUnique();
        builder.HasIndex(c => new { c.ListingId, c.BuyerId }).IsUnique();
        builder.HasIndex(c => new { c.BuyerId, c.LastMessageAt });
        builder.HasIndex(c => new { c.SellerId, c.LastMessageAt });
        builder.HasOne<Order>().WithMany().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Listing>().WithMany().HasForeignKey(c => c.ListingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Seller>().WithMany().HasForeignKey(c => c.SellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.BuyerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.From).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Body).HasMaxLength(Conversation.MaxBodyLength);
        builder.Property(m => m.Signals).HasMaxLength(200);
        builder.Property(m => m.SignalEvidence).HasMaxLength(300);
        builder.Property(m => m.Moderation).HasConversion<string>().HasMaxLength(20);

        // Two admins reviewing the same message: the second save finds it reviewed and loses.
        builder.Property(m => m.ModeratedAt).IsConcurrencyToken();
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ConversationId, m.SentAt });
        builder.HasIndex(m => new { m.SenderId, m.SentAt });
        builder.HasIndex(m => new { m.Signals, m.Moderation });
    }
}

internal sealed class MessageModelConfiguration : IEntityTypeConfiguration<Domain.Trust.MessageModel>
{
    public void Configure(EntityTypeBuilder<Domain.Trust.MessageModel> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasIndex(m => m.Version).IsUnique();
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<Api.ApiToken>
{
    public void Configure(EntityTypeBuilder<Api.ApiToken> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(Api.ApiToken.MaxNameLength);
        builder.Property(t => t.Prefix).HasMaxLength(20);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.Property(t => t.Scopes).HasMaxLength(300);
        builder.Property(t => t.LastUsedIp).HasMaxLength(64);
        builder.Ignore(t => t.ScopeList);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.SellerId);
        builder.HasOne<Seller>().WithMany().HasForeignKey(t => t.SellerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<Api.IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<Api.IdempotencyRecord> builder)
    {
        builder.HasKey(r => new { r.SellerId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(Api.IdempotencyKeys.MaxKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(500);
        builder.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<Api.WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<Api.WebhookEndpoint> builder)
    {
        builder.Property(e => e.Url).HasMaxLength(Api.WebhookEndpoint.MaxUrlLength);
        builder.Property(e => e.Secret).HasMaxLength(100);
        builder.Property(e => e.Events).HasMaxLength(500);
        builder.Ignore(e => e.EventList);
        builder.HasIndex(e => e.SellerId);
        builder.HasOne<Seller>().WithMany().HasForeignKey(e => e.SellerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<Api.WebhookEvent>
{
    public void Configure(EntityTypeBuilder<Api.WebhookEvent> builder)
    {
        builder.Property(e => e.Type).HasMaxLength(50);
        builder.HasIndex(e => new { e.FannedOut, e.CreatedAt });
        builder.HasIndex(e => e.CreatedAt);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<Api.WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<Api.WebhookDelivery> builder)
    {
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.HasIndex(d => new { d.EventId, d.EndpointId }).IsUnique();
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.SellerId, d.CreatedAt });
    }
}
