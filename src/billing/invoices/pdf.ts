/**
 * A document as PDF (pdfkit, its built-in Helvetica: Latin-1 text, Icelandic letters included).
 * The PDF shows what the JSON holds, nothing computed anew.
 */
import PDFDocument from 'pdfkit';
import { formatMinor } from '../money.ts';
import type { InvoiceRow } from './invoice.service.ts';

const TITLE: Record<string, string> = { receipt: 'Receipt', invoice: 'Invoice', credit_note: 'Credit note' };

interface Party {
  name?: string | null;
  address?: string | null;
  vatId?: string | null;
  email?: string | null;
}
interface Line {
  description: string;
  quantity: string | null;
  unit: string | null;
  unitPrice: string | null;
  vatPercent: string | null;
  exclVat: string;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

export function renderPdf(inv: InvoiceRow): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${TITLE[inv.kind]} ${inv.number}`, Producer: 'Straumur' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const seller = inv.seller as Party;
  const buyer = inv.buyer as Party;
  const money = (minor: bigint) => `${formatMinor(minor, inv.currency)} ${inv.currency}`;

  doc.fontSize(20).text(`${TITLE[inv.kind]} ${inv.number}`);
  doc.moveDown(0.5).fontSize(10);
  doc.text(`Issued: ${day(inv.issuedAt)}`);
  if (inv.periodStart && inv.periodEnd) doc.text(`Period: ${day(inv.periodStart)} to ${day(inv.periodEnd)}`);
  if (inv.dueAt) doc.text(`Due: ${day(inv.dueAt)}`);
  doc.text(`Status: ${inv.status}`);
  doc.moveDown();
  const party = (label: string, p: Party) => {
    doc.font('Helvetica-Bold').text(label).font('Helvetica');
    for (const v of [p.name, p.address, p.email, p.vatId ? `VAT ID: ${p.vatId}` : null]) if (v) doc.text(v);
    doc.moveDown(0.5);
  };
  party('Seller', seller);
  party('Buyer', buyer);

  doc.moveDown(0.5).font('Helvetica-Bold').text('Lines (amounts excl. VAT)').font('Helvetica');
  for (const l of inv.lines as Line[]) {
    const qty = l.quantity ? `${l.quantity} ${l.unit ?? ''}`.trim() : '';
    const unit = l.unitPrice ? ` x ${l.unitPrice}` : '';
    const vat = l.vatPercent === null ? 'no VAT' : `VAT ${Number(l.vatPercent)}%`;
    doc.text(`${l.description}  ${qty}${unit}  (${vat})  ${l.exclVat} ${inv.currency}`);
  }
  doc.moveDown().font('Helvetica-Bold').text('VAT breakdown').font('Helvetica');
  for (const v of inv.vat as Array<{ percent: string | null; base: string; amount: string }>) {
    doc.text(`${v.percent === null ? 'No VAT' : `VAT ${Number(v.percent)}%`} on ${v.base} ${inv.currency}: ${v.amount} ${inv.currency}`);
  }
  doc.moveDown();
  doc.text(`Total excl. VAT: ${money(inv.totalExclMinor)}`);
  doc.text(`VAT: ${money(inv.totalVatMinor)}`);
  doc.font('Helvetica-Bold').text(`Total incl. VAT: ${money(inv.totalInclMinor)}`).font('Helvetica');
  if (inv.note) doc.moveDown().text(inv.note);
  doc.end();
  return done;
}
