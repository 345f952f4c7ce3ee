import { accountRoutes } from "./account/account-routes";
import { addressRoutes } from "./account/address-routes";
import { paymentMethodRoutes } from "./account/payment-method-routes";
import { adminRoutes } from "./admin/admin-routes";
import { componentRoutes } from "./connect/component-routes";
import { connectRoutes } from "./connect/connect-routes";
import { hookRoutes } from "./connect/hook-routes";
import type { Route } from "./http/router";
import { discoveryRoutes } from "./oauth/discovery-route";
import { tokenRoutes } from "./oauth/token-route";
import { authorizeRoutes } from "./payments/authorize-route";
import { settlementRoutes } from "./payments/settlement-routes";
import { testingRoutes } from "./sandbox-testing/testing-routes";
import { webhookRoutes } from "./webhooks/webhook-routes";
import { dashboardRoutes } from "./admin/dashboard-routes";

export const routes: Route[] = [
  ...tokenRoutes,
  ...discoveryRoutes,
  ...accountRoutes,
  ...addressRoutes,
  ...paymentMethodRoutes,
  ...authorizeRoutes,
  ...settlementRoutes,
  ...webhookRoutes,
  ...testingRoutes,
  ...connectRoutes,
  ...componentRoutes,
  ...adminRoutes,
  ...dashboardRoutes,
  ...hookRoutes,
];
