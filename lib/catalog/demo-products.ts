import type { Product, ProductImageFile } from "./types";

// The demo shop's products. Only `source.ts` reads them; the app goes through `lib/catalog`.

function image(handle: string, alt: string): ProductImageFile {
  return { src: `/products/${handle}.svg`, alt, width: 800, height: 800 };
}

export const demoProducts: readonly Product[] = [
  {
    id: "lh-mug",
    handle: "stoneware-mug",
    name: "Stoneware Mug",
    summary: "Speckled oat glaze, 12 oz",
    description:
      "A generous, hand-thrown mug with a speckled oat glaze and a thumb-friendly handle. Heavy enough to keep coffee warm, light enough for every morning.",
    price: 2800,
    image: image("stoneware-mug", "A cream speckled stoneware mug with a rounded handle"),
    details: ["Holds 12 oz (355 ml)", "Dishwasher and microwave safe", "Each glaze varies slightly"],
  },
  {
    id: "lh-napkins",
    handle: "linen-napkins",
    name: "Linen Napkins, Set of 4",
    summary: "Stonewashed flax linen",
    description:
      "Soft, stonewashed linen napkins in a muted sage that only get better with every wash. Made for long dinners and everyday lunches alike.",
    price: 3600,
    image: image("linen-napkins", "Four folded sage-green linen napkins stacked with a ribbon"),
    details: ["100% European flax linen", "18 × 18 in (45 × 45 cm)", "Machine wash warm, tumble dry low"],
  },
  {
    id: "lh-tote",
    handle: "canvas-tote",
    name: "Canvas Tote",
    summary: "Heavyweight cotton, leather handles",
    description:
      "A sturdy everyday tote in heavyweight natural canvas with vegetable-tanned leather handles and an inside pocket for keys.",
    price: 3200,
    image: image("canvas-tote", "A natural canvas tote bag with brown leather handles"),
    details: ["16 oz organic cotton canvas", "15 × 16 × 5 in", "Inside zip pocket"],
  },
  {
    id: "lh-tapers",
    handle: "beeswax-tapers",
    name: "Beeswax Taper Candles",
    summary: "Hand-dipped, pair of two",
    description:
      "A pair of hand-dipped taper candles in pure beeswax. They burn clean and slow with a faint scent of honey.",
    price: 1800,
    image: image("beeswax-tapers", "Two honey-colored beeswax taper candles with lit flames"),
    details: ["100% pure beeswax, cotton wick", "About 8 hours of burn time each", "Fits standard 7/8 in holders"],
  },
  {
    id: "lh-board",
    handle: "walnut-serving-board",
    name: "Walnut Serving Board",
    summary: "Solid black walnut",
    description:
      "Cut from a single piece of black walnut and finished with food-safe oil. Ready for bread, cheese or a Sunday roast.",
    price: 6400,
    image: image("walnut-serving-board", "A dark walnut serving board with a rounded handle"),
    details: ["Solid American black walnut", "18 × 9 in, 3/4 in thick", "Hand wash, oil occasionally"],
  },
  {
    id: "lh-throw",
    handle: "merino-throw",
    name: "Merino Wool Throw",
    summary: "Woven merino, fringed edges",
    description:
      "A lightweight, warm throw woven from soft merino wool in a quiet blue-grey stripe. Folds small, drapes beautifully.",
    price: 12000,
    image: image("merino-throw", "A folded blue-grey striped wool throw with fringed edges"),
    details: ["100% merino wool", "50 × 70 in (127 × 178 cm)", "Dry clean or gentle hand wash"],
  },
  {
    id: "lh-carafe",
    handle: "glass-carafe",
    name: "Glass Carafe",
    summary: "Mouth-blown, with tumbler lid",
    description: "A mouth-blown bedside carafe whose tumbler doubles as a lid. Keeps water close and dust out.",
    price: 4200,
    image: image("glass-carafe", "A clear glass water carafe topped with an upturned tumbler"),
    details: ["Holds 34 oz (1 l)", "Borosilicate glass", "Dishwasher safe"],
  },
  {
    id: "lh-vase",
    handle: "bud-vase",
    name: "Ceramic Bud Vase",
    summary: "Matte terracotta, for a single stem",
    description: "A small, matte-glazed bud vase sized for a single stem or a few sprigs from the garden.",
    price: 2400,
    image: image("bud-vase", "A small terracotta bud vase holding a single flowering stem"),
    details: ["5 in tall", "Glazed inside, watertight", "Handmade; no two are identical"],
  },
];
