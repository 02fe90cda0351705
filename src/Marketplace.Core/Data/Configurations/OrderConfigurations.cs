using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Core.Data.Configurations;

internal sealed class CartConfiguration : IEntityTypeConfiguration<Cart>
{
    public void Configure(EntityTypeBuilder<Cart> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => c.OwnerId).IsUnique();
        builder.OwnsMany(c => c.Lines, line =>
        {
            line.ToTable("CartLines");
            line.WithOwner().HasForeignKey(l => l.CartId);
            line.HasKey(l => l.Id);
            line.Property(l => l.Id).ValueGeneratedNever();
        });
        builder.Navigation(c => c.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CheckoutPaymentConfiguration : IEntityTypeConfiguration<CheckoutPayment>
{
    public void Configure(EntityTypeBuilder<CheckoutPayment> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.ComplexProperty(c => c.Amount, m => m.Columns(string.Empty));
        builder.Property(c => c.PaymentReference).HasMaxLength(100);
        builder.HasIndex(c => c.PaymentReference);
        builder.Property(c => c.ProviderPaymentId).HasMaxLength(100);
        builder.Property(c => c.LastFailure).HasMaxLength(300);
        builder.HasIndex(c => new { c.Status, c.PaymentDueBy });
        builder.HasIndex(c => c.BuyerId);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Number).HasMaxLength(20);
        builder.HasIndex(o => o.Number);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
        builder.ComplexProperty(o => o.Subtotal, m => m.Columns("Subtotal"));
        builder.ComplexProperty(o => o.Total, m => m.Columns("Total"));
        builder.ComplexProperty(o => o.SellerTotal, m => m.Columns("SellerTotal"));
        builder.Property(o => o.SellerCurrency).HasMaxLength(3).IsFixedLength();
        builder.Property(o => o.ExchangeRate).HasPrecision(28, 10);
        builder.Ignore(o => o.PriceRate);
        builder.Ignore(o => o.IsConverted);
        builder.ComplexProperty(o => o.Address, address =>
        {
            address.Property(a => a.FullName).HasColumnName("ShipToName").HasMaxLength(100);
            address.Property(a => a.Line1).HasColumnName("ShipToLine1").HasMaxLength(200);
            address.Property(a => a.Line2).HasColumnName("ShipToLine2").HasMaxLength(200);
            address.Property(a => a.City).HasColumnName("ShipToCity").HasMaxLength(100);
            address.Property(a => a.Region).HasColumnName("ShipToRegion").HasMaxLength(100);
            address.Property(a => a.PostalCode).HasColumnName("ShipToPostalCode").HasMaxLength(20);
            address.Property(a => a.CountryCode).HasColumnName("ShipToCountry").HasMaxLength(2).IsFixedLength();
            address.Property(a => a.Phone).HasColumnName("ShipToPhone").HasMaxLength(40);
        });
        builder.ComplexProperty(o => o.Shipping, shipping =>
        {
            shipping.Property(s => s.Method).HasColumnName("ShippingMethod").HasMaxLength(40);
            shipping.Property(s => s.Carrier).HasColumnName("ShippingCarrier").HasMaxLength(60);
            shipping.Property(s => s.MinDays).HasColumnName("ShippingMinDays");
            shipping.Property(s => s.MaxDays).HasColumnName("ShippingMaxDays");
            shipping.ComplexProperty(s => s.Price, m => m.Columns("ShippingPrice"));
        });
        builder.ComplexProperty(o => o.Rules, rules => rules.Property(r => r.Version).HasColumnName("RulesVersion"));
        builder.Property(o => o.CancellationAnswerBy).UsePropertyAccessMode(PropertyAccessMode.Property);
        builder.HasIndex(o => new { o.Status, o.CancellationAnswerBy });
        builder.Property(o => o.Carrier).HasMaxLength(60);
        builder.Property(o => o.TrackingNumber).HasMaxLength(60);
        builder.HasOne<Seller>().WithMany().HasForeignKey(o => o.SellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CheckoutPayment>().WithMany().HasForeignKey(o => o.CheckoutId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => o.CheckoutId);
        builder.HasIndex(o => new { o.BuyerId, o.PlacedAt });
        builder.HasIndex(o => new { o.SellerId, o.Status });
        builder.HasIndex(o => new { o.Status, o.PaymentDueBy });
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        // Not owned: owned collections are loaded with every order, and the release job completes thousands of
        // orders without needing their history. Pages that show the timeline include it.
        builder.HasMany(o => o.Events).WithOne().HasForeignKey("OrderId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(o => o.CancellationReason).HasMaxLength(300);
        builder.OwnsMany(o => o.Tracking, e =>
        {
            e.ToTable("TrackingEvents");
            e.WithOwner().HasForeignKey("OrderId");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Actor).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Description).HasMaxLength(200);
        });
        builder.Navigation(o => o.Tracking).HasField("_tracking").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> builder)
    {
        builder.ToTable("OrderEvents");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.Property(e => e.NoteText).HasMaxLength(OrderEvent.MaxNoteTextLength);
        builder.Ignore(e => e.Text);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.ToTable("OrderLines");
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Title).HasMaxLength(200);
        builder.Property(l => l.VariantName).HasMaxLength(120);
        builder.Property(l => l.Sku).HasMaxLength(64);
        builder.ComplexProperty(l => l.UnitPrice, m => m.Columns("UnitPrice"));
        builder.ComplexProperty(l => l.LineTotal, m => m.Columns("LineTotal"));
    }
}

internal sealed class EscrowHoldConfiguration : IEntityTypeConfiguration<EscrowHold>
{
    public void Configure(EntityTypeBuilder<EscrowHold> builder)
    {
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(20);
        builder.ComplexProperty(h => h.Amount, m => m.Columns(string.Empty));
        builder.Ignore(h => h.Commission);
        builder.Ignore(h => h.SellerShare);
        builder.Property(h => h.PayoutCurrency).HasMaxLength(3).IsFixedLength();
        builder.Property(h => h.PayoutRate).HasPrecision(28, 10);
        builder.Ignore(h => h.ToPayout);
        builder.Ignore(h => h.Payout);
        builder.Ignore(h => h.IsFrozen);
        builder.Ignore(h => h.IsClosed);
        builder.Ignore(h => h.AwaitsSettlement);
        builder.HasOne<Order>().WithOne().HasForeignKey<EscrowHold>(h => h.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => h.OrderId).IsUnique();
        builder.HasIndex(h => new { h.Status, h.ProtectionEndsAt });
        builder.HasIndex(h => h.SellerId);
    }
}

internal sealed class LedgerConfiguration : IEntityTypeConfiguration<LedgerTransaction>
{
    public void Configure(EntityTypeBuilder<LedgerTransaction> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(t => t.OrderId);
        builder.OwnsMany(t => t.Postings, posting =>
        {
            posting.ToTable("LedgerPostings");
            posting.WithOwner().HasForeignKey(p => p.TransactionId);
            posting.HasKey(p => p.Id);
            posting.Property(p => p.Id).ValueGeneratedNever();
            posting.Property(p => p.Account).HasMaxLength(80);
            posting.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
            posting.HasIndex(p => p.Account);
        });
        builder.Navigation(t => t.Postings).HasField("_postings").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ProviderCommandConfiguration : IEntityTypeConfiguration<ProviderCommand>
{
    public void Configure(EntityTypeBuilder<ProviderCommand> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.IdempotencyKey).HasMaxLength(100);
        builder.HasIndex(c => c.IdempotencyKey).IsUnique();
        builder.Property(c => c.PaymentReference).HasMaxLength(100);
        builder.Property(c => c.TransferGroup).HasMaxLength(100);
        builder.Property(c => c.ProviderReference).HasMaxLength(100);
        builder.Property(c => c.LastError).HasMaxLength(500);
        builder.ComplexProperty(c => c.Amount, m => m.Columns(string.Empty));
        builder.HasIndex(c => new { c.Status, c.NextAttemptAt });
        builder.HasIndex(c => c.OrderId);
    }
}

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Issue).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.Request).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.NextDeadlineAt).UsePropertyAccessMode(PropertyAccessMode.Property);
        builder.HasIndex(d => d.NextDeadlineAt);
        builder.Property(d => d.CounterOffer).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(d => d.Description).HasMaxLength(2000);
        builder.Property(d => d.ReturnCarrier).HasMaxLength(60);
        builder.Property(d => d.ReturnTrackingNumber).HasMaxLength(60);
        builder.Property(d => d.DecisionReason).HasMaxLength(2000);
        builder.HasOne<Order>().WithMany().HasForeignKey(d => d.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.OrderId);
        builder.HasIndex(d => new { d.BuyerId, d.OpenedAt });
        builder.HasIndex(d => new { d.SellerId, d.Status });
        builder.HasIndex(d => new { d.Status, d.OpenedAt });
        builder.HasMany(d => d.Events).WithOne().HasForeignKey(e => e.DisputeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DisputeEvidenceConfiguration : IEntityTypeConfiguration<DisputeEvidence>
{
    public void Configure(EntityTypeBuilder<DisputeEvidence> builder)
    {
        builder.ToTable("DisputeEvidence");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.UploadedBy).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.FileName).HasMaxLength(120);
        builder.Property(e => e.ContentType).HasMaxLength(40);
        builder.Property(e => e.StorageKey).HasMaxLength(200);
        builder.HasOne<Dispute>().WithMany().HasForeignKey(e => e.DisputeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.DisputeId, e.UploadedAt });
    }
}

internal sealed class DisputeEventConfiguration : IEntityTypeConfiguration<DisputeEvent>
{
    public void Configure(EntityTypeBuilder<DisputeEvent> builder)
    {
        builder.ToTable("DisputeEvents");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Note).HasMaxLength(1000);
        builder.Property(e => e.NoteText).HasMaxLength(DisputeEvent.MaxNoteTextLength);
        builder.Ignore(e => e.Text);
        builder.HasIndex(e => new { e.DisputeId, e.At });
    }
}

internal sealed class ChargebackConfiguration : IEntityTypeConfiguration<Chargeback>
{
    public void Configure(EntityTypeBuilder<Chargeback> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ProviderDisputeId).HasMaxLength(100);
        builder.HasIndex(c => c.ProviderDisputeId).IsUnique();
        builder.Property(c => c.PaymentReference).HasMaxLength(100);
        builder.Property(c => c.Reason).HasMaxLength(100);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.ComplexProperty(c => c.Amount, m => m.Columns(string.Empty));
        builder.HasIndex(c => c.CheckoutId);
    }
}

internal sealed class ProviderEventConfiguration : IEntityTypeConfiguration<ProviderEvent>
{
    public void Configure(EntityTypeBuilder<ProviderEvent> builder)
    {
        builder.Property(e => e.Id).HasMaxLength(100);
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.ParkedReason).HasMaxLength(500);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notifications.Notification>
{
    public void Configure(EntityTypeBuilder<Notifications.Notification> builder)
    {
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Title).HasMaxLength(200);
        builder.Property(n => n.Body).HasMaxLength(1000);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.HasIndex(n => new { n.UserId, n.At });
    }
}

internal sealed class RulesChangeConfiguration : IEntityTypeConfiguration<Domain.Common.RulesChange>
{
    public void Configure(EntityTypeBuilder<Domain.Common.RulesChange> builder)
    {
        builder.HasKey(c => c.Version);
        builder.Property(c => c.Version).ValueGeneratedNever();
        builder.ComplexProperty(c => c.Rules);
        builder.Property(c => c.Reason).HasMaxLength(500);
    }
}
