import { z } from 'zod';

/**
 * Shapes of the registry's answers. Everything from the wire passes through these before use;
 * bounds on lengths keep a garbled answer from travelling further into the app.
 */
const text = z.string().max(4096);
const date = z.string().max(32);
const code = z.string().min(1).max(64);

export const surfaceValueSchema = z.union([
  z.string().max(512 * 1024), // the portrait photo is base64 PNG
  z.array(z.record(z.string().max(256), text)).max(200),
]);

export const licenseSchema = z.object({
  identifier: z.string().min(1).max(128),
  certificateType: code,
  certificateName: text,
  certificateHolder: text,
  certificateHolderCode: code,
  certificateHolderType: code,
  issueDept: text,
  issueDeptCode: code,
  certificateNumber: text,
  issueDate: date,
  certificateValidateStart: date,
  certificateValidateEnd: date,
  certificateAreaCode: z.string().max(32),
  surface: z.record(z.string().max(128), surfaceValueSchema),
  digitalSign: z.object({ alg: z.literal('SM2-SM3'), signer: code, value: z.string().max(512) }),
});

export const catalogEntrySchema = z.object({
  identifier: z.string().min(1).max(128),
  certificateType: code,
  certificateName: text,
  certificateNumber: text,
  issueDept: text,
  issueDeptCode: code,
  certificateValidateEnd: date,
});

export const trustedIssuerSchema = z.object({
  issuerCode: code,
  name: text,
  publicKey: z.string().regex(/^04[0-9a-fA-F]{128}$/),
  validFrom: date,
  validTo: date,
});

export const programAreaSchema = z.object({ areaCode: code, name: text });

export const usageRecordSchema = z.object({
  at: z.string(),
  appKey: z.string(),
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  holderCode: z.string().optional(),
  identifier: z.string().optional(),
  organisation: z.string(),
  clerk: z.string(),
  itemName: z.string(),
  itemCode: z.string(),
  caseNumber: z.string(),
  reason: z.string(),
});

export const licenseTypeSchema = z.object({
  code: code,
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  issuer: z.string(),
  holderType: z.string(),
  surface: z.array(z.string()),
});

export const searchAnswer = z.object({ items: z.array(catalogEntrySchema).max(1000) });
export const getAnswer = z.object({ license: licenseSchema });
export const issuersAnswer = z.object({ issuers: z.array(trustedIssuerSchema).max(1000) });
export const areasAnswer = z.object({ areas: z.array(programAreaSchema).max(100_000) });
export const usageAnswer = z.object({ records: z.array(usageRecordSchema).max(100_000) });
export const typesAnswer = z.object({ types: z.array(licenseTypeSchema).max(1000) });
export const errorAnswer = z.object({ code: z.string().max(64), message: z.string().max(2000) });

export type UsageRecord = z.infer<typeof usageRecordSchema>;
export type LicenseTypeInfo = z.infer<typeof licenseTypeSchema>;

/**
 * The batch endpoint: each license of the answer once, and one entry per holder asked, in order,
 * with the caller's row key and the positions in `licenses` of the holder's licenses (the client
 * checks that every position exists).
 */
export const batchAnswer = z.object({
  max: z.number().int().min(1).max(10_000),
  licenses: z.array(licenseSchema).max(100_000),
  results: z
    .array(
      z.object({
        holderCode: z.string(),
        key: z.string(),
        licenses: z.array(z.number().int().min(0)).max(100),
      }),
    )
    .max(10_000),
});
