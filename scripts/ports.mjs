// One place for the ports, so the dev runner, the test runner and Playwright agree.
export const DEV_APP_PORT = Number(process.env.PORT ?? 3000);
export const DEV_EMULATOR_PORT = Number(process.env.BOLT_EMULATOR_PORT ?? 4010);
// Tests use their own ports so they can run while the demo is up; TEST_APP_PORT and
// TEST_EMULATOR_PORT move them, so two checkouts can run their suites side by side.
export const TEST_APP_PORT = Number(process.env.TEST_APP_PORT ?? 3210);
export const TEST_EMULATOR_PORT = Number(process.env.TEST_EMULATOR_PORT ?? 4110);
export const TEST_APP_URL = `http://localhost:${TEST_APP_PORT}`;
export const TEST_EMULATOR_URL = `http://localhost:${TEST_EMULATOR_PORT}`;
// A second pair, on the same build, against the emulator's sandbox profile: the journeys run on both.
// Five above the first pair by default, so moving TEST_APP_PORT and TEST_EMULATOR_PORT moves it too.
export const TEST_SANDBOX_APP_PORT = Number(process.env.TEST_SANDBOX_APP_PORT ?? TEST_APP_PORT + 5);
export const TEST_SANDBOX_EMULATOR_PORT = Number(process.env.TEST_SANDBOX_EMULATOR_PORT ?? TEST_EMULATOR_PORT + 5);
export const TEST_SANDBOX_APP_URL = `http://localhost:${TEST_SANDBOX_APP_PORT}`;
export const TEST_SANDBOX_EMULATOR_URL = `http://localhost:${TEST_SANDBOX_EMULATOR_PORT}`;
