import { z } from 'zod';
import {
  CONTACT_LIMITS,
  ContactInputSchema,
  ContactListRequestSchema,
  ContactListSchema,
  ContactViewSchema,
  ImportResultSchema,
} from '../model/contact.ts';

// The contacts channels' schemas, spread into `requestSchemas` (contract.ts).

const ContactRef = z.object({ id: z.string().min(1).max(64) }).strict();

/** base64 of at most CONTACT_LIMITS.importBytes bytes. */
const MAX_BASE64 = Math.ceil(CONTACT_LIMITS.importBytes / 3) * 4;

export const contactRequestSchemas = {
  'contacts:list': { request: ContactListRequestSchema, response: ContactListSchema },
  'contacts:get': { request: ContactRef, response: ContactViewSchema },
  'contacts:save': { request: ContactInputSchema, response: ContactViewSchema },
  'contacts:delete': { request: ContactRef, response: z.object({}) },
  'contacts:merge': {
    request: z
      .object({
        targetId: z.string().min(1).max(64),
        sourceIds: z.array(z.string().min(1).max(64)).min(1).max(50),
      })
      .strict(),
    response: ContactViewSchema,
  },
  'contacts:createForNumber': {
    request: z
      .object({ number: z.string().max(CONTACT_LIMITS.number), name: z.string().max(CONTACT_LIMITS.name) })
      .strict(),
    response: z.object({ contact: ContactViewSchema, linkedCalls: z.number().int().min(0) }),
  },
  'contacts:import': {
    request: z
      .object({
        fileName: z.string().max(255),
        /** The file's bytes, base64: the core finds the encoding (UTF-8, UTF-16, Windows-1251). */
        contentBase64: z
          .string()
          .max(MAX_BASE64)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/),
      })
      .strict(),
    response: ImportResultSchema,
  },
} as const;
