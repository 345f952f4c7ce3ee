import nextEnv from "@next/env";

// What Next would load under NODE_ENV=test (.env.test), for the code under test that reads the
// environment. Variables already set win, as in Next.
nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
