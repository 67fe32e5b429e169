from bot.console.app import main

raise SystemExit(main())
