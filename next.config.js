/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets two local builds (the demo and a test run) live side by side; defaults to Next's `.next`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
