import { z } from 'zod';

export const KeyBlock = z.object({ id: z.number().int(), name: z.string(), nameEn: z.string().nullable() });
export const KeyBlockList = z.object({ items: z.array(KeyBlock) });
