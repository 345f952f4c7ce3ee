import { authenticateShopper, WRITE_SCOPES } from "../http/credentials";
import { notFound } from "../http/errors";
import { empty, json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody } from "../http/validate";
import { objectId } from "../ids";
import type { Emulator } from "../state";
import {
  dropDefault,
  removeWithDefault,
  settleDefault,
  type AddressFields,
  type SavedAddress,
  type Shopper,
} from "../store/shoppers";
import { AddressInput } from "./schemas";
import { accountAddressView } from "./views";

/** The stored fields of an address input: everything but the `default` instruction. */
export function addressFields(input: AddressInput): AddressFields {
  const fields: AddressFields & { default?: boolean } = { ...input };
  delete fields.default;
  return fields;
}

const addressNotFound = (id: string | undefined) => notFound(`No address ${id ?? ""} in this account.`);

function findAddress(shopper: Shopper, id: string | undefined): SavedAddress {
  const address = shopper.addresses.find((candidate) => candidate.id === id);
  if (!address) throw addressNotFound(id);
  return address;
}

/** Writes an address into the book and applies its `default` instruction, keeping exactly one default. */
function place(shopper: Shopper, address: SavedAddress, makeDefault: boolean | undefined): Reply {
  if (makeDefault === false) dropDefault(shopper.addresses, address.id);
  settleDefault(shopper.addresses, makeDefault ? address.id : undefined);
  return json(200, accountAddressView(address));
}

function addAddress(request: ApiRequest, emulator: Emulator): Reply {
  const { shopper } = authenticateShopper(request, emulator, WRITE_SCOPES);
  const input = parseJsonBody(AddressInput, request.body);
  const address: SavedAddress = { ...addressFields(input), id: objectId(), isDefault: false };
  shopper.addresses.push(address);
  return place(shopper, address, input.default);
}

/** PUT: the same id, every field replaced. */
function editAddress(request: ApiRequest, emulator: Emulator): Reply {
  const { shopper } = authenticateShopper(request, emulator, WRITE_SCOPES);
  const current = findAddress(shopper, request.params.id);
  const input = parseJsonBody(AddressInput, request.body);
  const address: SavedAddress = { ...addressFields(input), id: current.id, isDefault: current.isDefault };
  shopper.addresses.splice(shopper.addresses.indexOf(current), 1, address);
  return place(shopper, address, input.default);
}

/** POST on an id: delete and re-create under a new id, in the same place and with the same default unless told. */
function replaceAddress(request: ApiRequest, emulator: Emulator): Reply {
  const { shopper } = authenticateShopper(request, emulator, WRITE_SCOPES);
  const current = findAddress(shopper, request.params.id);
  const input = parseJsonBody(AddressInput, request.body);
  const address: SavedAddress = { ...addressFields(input), id: objectId(), isDefault: current.isDefault };
  shopper.addresses.splice(shopper.addresses.indexOf(current), 1, address);
  return place(shopper, address, input.default);
}

function deleteAddress(request: ApiRequest, emulator: Emulator): Reply {
  const { shopper } = authenticateShopper(request, emulator, WRITE_SCOPES);
  if (!removeWithDefault(shopper.addresses, request.params.id)) throw addressNotFound(request.params.id);
  return empty();
}

export const addressRoutes: Route[] = [
  { method: "POST", pattern: "/v1/account/addresses", kind: "api", handler: addAddress },
  { method: "PUT", pattern: "/v1/account/addresses/:id", kind: "api", handler: editAddress },
  { method: "POST", pattern: "/v1/account/addresses/:id", kind: "api", handler: replaceAddress },
  { method: "DELETE", pattern: "/v1/account/addresses/:id", kind: "api", handler: deleteAddress },
];
