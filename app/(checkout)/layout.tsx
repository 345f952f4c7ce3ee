export { ShopperFrame as default } from "@/components/layout/shopper-frame";
