import type { RequestView } from '../../../shared/model/follow-ups.ts';
import { prepared, type Db } from '../store/database.ts';

// The `requests` table: orders and service requests created from a wrap-up.

interface SqlRow {
  id: string;
  call_id: string | null;
  contact_id: string | null;
  number: string;
  type: string;
  product: string;
  quantity: number | null;
  amount_minor: number | null;
  currency: string;
  address: string;
  contact_name: string;
  contact_phone: string;
  email: string;
  comment: string;
  status: RequestView['status'];
  created_at: number;
  updated_at: number;
}

const fromSql = (r: SqlRow): RequestView => ({
  id: r.id,
  callId: r.call_id,
  contactId: r.contact_id,
  number: r.number,
  type: r.type,
  product: r.product,
  quantity: r.quantity,
  amountMinor: r.amount_minor,
  currency: r.currency,
  address: r.address,
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
  email: r.email,
  comment: r.comment,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type NewRequest = Omit<RequestView, 'status' | 'createdAt' | 'updatedAt'>;

export function insertRequest(db: Db, request: NewRequest, at: number): RequestView {
  prepared(
    db,
    `INSERT INTO requests (id, call_id, contact_id, number, type, product, quantity, amount_minor, currency,
       address, contact_name, contact_phone, email, comment, status, created_at, updated_at)
     VALUES (@id, @callId, @contactId, @number, @type, @product, @quantity, @amountMinor, @currency,
       @address, @contactName, @contactPhone, @email, @comment, 'open', @at, @at)`,
  ).run({ ...request, at });
  return getRequest(db, request.id)!;
}

export function getRequest(db: Db, id: string): RequestView | undefined {
  const row = prepared(db, 'SELECT * FROM requests WHERE id = ?').get(id) as SqlRow | undefined;
  return row && fromSql(row);
}

/** The caller card's "open requests of this number" (requests_by_number, newest first). */
export const REQUESTS_BY_NUMBER_SQL = `SELECT * FROM requests
  WHERE number = ? AND status = ? ORDER BY created_at DESC LIMIT ?`;
/** The same for a known contact (requests_by_contact). */
export const REQUESTS_BY_CONTACT_SQL = `SELECT * FROM requests
  WHERE contact_id = ? AND status = ? ORDER BY created_at DESC LIMIT ?`;

export function requestsByNumber(db: Db, number: string, status: RequestView['status'], limit: number) {
  return (prepared(db, REQUESTS_BY_NUMBER_SQL).all(number, status, limit) as SqlRow[]).map(fromSql);
}

export function requestsByContact(db: Db, contactId: string, status: RequestView['status'], limit: number) {
  return (prepared(db, REQUESTS_BY_CONTACT_SQL).all(contactId, status, limit) as SqlRow[]).map(fromSql);
}
