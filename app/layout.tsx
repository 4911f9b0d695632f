import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { Toaster } from "@/components/ui/toaster";
import { FLASH_COOKIE } from "@/lib/http/flash-cookie";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Confide", template: "%s · Confide" },
  description: "Practice management for therapists, with pseudonymised clinical records.",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#115e59" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page render per request, so each gets its own CSP nonce.
  const flash = (await cookies()).get(FLASH_COOKIE)?.value;
  return (
    <html lang="en-GB">
      <body className="min-h-screen font-sans antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to main content
        </a>
        {children}
        <Toaster message={flash ? decodeURIComponent(flash) : null} />
      </body>
    </html>
  );
}
