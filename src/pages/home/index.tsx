import { View, Text, Button } from '@tarojs/components'
import { useState } from 'react'

export default function Home() {
  const [n, setN] = useState(0)
  return (
    <View>
      <Text id="t">hello {n}</Text>
      <Button id="b" onClick={() => setN(n + 1)}>tap</Button>
    </View>
  )
}
