// The vaccine product from the free-text L5 (vaccine name) and L6 (manufacturer), matched on words
// (ANTS 2D-Doc L1, L5/L6 are free text: wordings vary — `COMIRNATY PFIZER/BIONTECH`, `PFIZER/BIONTECH - COMIRNATY`,
// `MODERNA`; AstraZeneca and Janssen wordings were never seen, so no exact string can be trusted).
import { MappingError } from "../errors.js";
import type { MappingTables, VaccineProduct } from "./tables.js";
import { padWords } from "./wording.js";

/** The products whose words appear in a text (usually one; two means the text is ambiguous). */
function productsNamedIn(text: string, tables: MappingTables): VaccineProduct[] {
  const words = padWords(text);
  return tables.vaccines.filter((product) => product.words.some((word) => words.includes(word)));
}

/**
 * Exactly one product must be named across L5 and L6. L5 decides when L6 names nothing (and the other
 * way round); a text naming two products, or L5 and L6 naming different ones, is refused: guessing
 * would certify a vaccine nobody recorded (ERR_MAPPING_UNKNOWN_CODE, never a pass-through).
 */
export function findVaccineProduct(l5: string, l6: string, tables: MappingTables): VaccineProduct {
  const byName = productsNamedIn(l5, tables);
  if (byName.length > 1) throw new MappingError("ERR_MAPPING_UNKNOWN_CODE", { field: "L5" });
  const byMaker = l6 === l5 ? byName : productsNamedIn(l6, tables);
  if (byMaker.length > 1) throw new MappingError("ERR_MAPPING_UNKNOWN_CODE", { field: "L6" });
  const [named] = byName;
  const [made] = byMaker;
  if (named !== undefined && made !== undefined && named !== made) throw new MappingError("ERR_MAPPING_UNKNOWN_CODE", { field: "L6" });
  const product = named ?? made;
  if (product === undefined) throw new MappingError("ERR_MAPPING_UNKNOWN_CODE", { field: "L5" });
  return product;
}
