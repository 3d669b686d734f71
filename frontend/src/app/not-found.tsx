/** What an address that leads nowhere shows (inside a shell or on its own). */
import { Link, useLocation } from "react-router";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export function NotFound() {
  const { pathname } = useLocation();
  return (
    <Card className="mx-auto max-w-xl">
      <CardHeader>
        <CardTitle asChild>
          <h1>There is no page here</h1>
        </CardTitle>
        <CardDescription className="break-all">Nothing lives at {pathname}. Check the address, or start again from your home page.</CardDescription>
      </CardHeader>
      <CardContent>
        <Button asChild>
          <Link to="/">Go to your home page</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
